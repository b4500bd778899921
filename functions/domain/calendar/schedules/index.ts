/**
 * The published holiday schedules bundled with Yichuang, one JSON file per year, from 2004 (the
 * first notice of this series kept here) to the latest published year. To add a year: put
 * `<year>.json` next to these (same shape; see ../schedule.ts) and add it to the list below.
 * To amend a published year, append to that file's `amendments` — no code change.
 * A unit test fails when a JSON file here is not listed.
 */
import schedule2004 from './2004.json' with { type: 'json' };
import schedule2005 from './2005.json' with { type: 'json' };
import schedule2006 from './2006.json' with { type: 'json' };
import schedule2007 from './2007.json' with { type: 'json' };
import schedule2008 from './2008.json' with { type: 'json' };
import schedule2009 from './2009.json' with { type: 'json' };
import schedule2010 from './2010.json' with { type: 'json' };
import schedule2011 from './2011.json' with { type: 'json' };
import schedule2012 from './2012.json' with { type: 'json' };
import schedule2013 from './2013.json' with { type: 'json' };
import schedule2014 from './2014.json' with { type: 'json' };
import schedule2015 from './2015.json' with { type: 'json' };
import schedule2016 from './2016.json' with { type: 'json' };
import schedule2017 from './2017.json' with { type: 'json' };
import schedule2018 from './2018.json' with { type: 'json' };
import schedule2019 from './2019.json' with { type: 'json' };
import schedule2020 from './2020.json' with { type: 'json' };
import schedule2021 from './2021.json' with { type: 'json' };
import schedule2022 from './2022.json' with { type: 'json' };
import schedule2023 from './2023.json' with { type: 'json' };
import schedule2024 from './2024.json' with { type: 'json' };
import schedule2025 from './2025.json' with { type: 'json' };
import schedule2026 from './2026.json' with { type: 'json' };

export const publishedScheduleFiles: readonly unknown[] = [
  schedule2004,
  schedule2005,
  schedule2006,
  schedule2007,
  schedule2008,
  schedule2009,
  schedule2010,
  schedule2011,
  schedule2012,
  schedule2013,
  schedule2014,
  schedule2015,
  schedule2016,
  schedule2017,
  schedule2018,
  schedule2019,
  schedule2020,
  schedule2021,
  schedule2022,
  schedule2023,
  schedule2024,
  schedule2025,
  schedule2026,
];
