/**
 * What the search index knows about an item. The index is built from the catalogue itself (one
 * small document per guide page, fed to pagefind while Astro renders the pages), not by parsing
 * the built HTML afterwards: the same data, a fraction of the work, and the two run in parallel.
 *
 * pagefind segments Chinese at index time with its own dictionary, while the browser segments the
 * query with Intl.Segmenter (ICU); where the two cut a phrase differently (契税完税凭证 is
 * 契/税/完/税/凭证 in ICU) a query would find nothing. So each document also carries its key phrases
 * cut the way ICU cuts them.
 */
import { limitTexts } from '../../../functions/domain/catalogue/catalogue.ts';
import { itemClassLabels, itemTypeLabels } from '../../../functions/domain/catalogue/labels.ts';
import type { ServiceItem } from '../../../functions/domain/catalogue/schema.ts';
import { esc } from './guide-html.ts';

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** Phrases repeat across items (材料 such as 身份证件, 营业执照): cut each one once. */
const cut = new Map<string, string[]>();

export function icuWords(text: string): string[] {
  let words = cut.get(text);
  if (!words) {
    words = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
    if (cut.size < 50_000) cut.set(text, words);
  }
  return words;
}

/** The phrases people search by: name, short names, materials, result, department and agency. */
export function searchPhrases(item: ServiceItem, departmentName: string | undefined): string[] {
  return [
    item.name,
    ...(item.searchTerms ?? []),
    item.mainItem ?? '',
    item.result.name,
    item.implementingAgency,
    departmentName ?? '',
    ...item.materials.map((m) => m.name),
  ].filter((phrase) => phrase !== '');
}

/** Every phrase cut into ICU words, space separated, each word once. */
export function icuSearchText(item: ServiceItem, departmentName: string | undefined): string {
  const words = new Set<string>();
  for (const phrase of searchPhrases(item, departmentName)) {
    for (const word of icuWords(phrase)) words.add(word);
  }
  return [...words].join(' ');
}

/** The one-line summary shown under a search result. */
export function searchSummary(item: ServiceItem): string {
  return `${itemTypeLabels[item.type]}｜${itemClassLabels[item.class]}｜承诺时限：${limitTexts(item).promised}｜${item.fees.statement}`;
}

/**
 * The HTML document pagefind indexes for one guide page: what people search by (name, short
 * names, materials, result, department), not the whole guide; conditions and procedure text are
 * on the page, one click away. Small documents keep indexing time per page low.
 */
export function searchDocument(item: ServiceItem, departmentName: string | undefined): string {
  const department = departmentName ?? item.department;
  return [
    '<html lang="zh-CN"><body><main data-pagefind-body>',
    `<h1 data-pagefind-weight="10">${esc(item.name)}</h1>`,
    `<p data-pagefind-meta="department" data-pagefind-filter="department">${esc(department)}</p>`,
    // An attribute, not text: shown under the result but not indexed, since its words (type,
    // class, 承诺时限, 不收费) are in nearly every document and would only add noise and work.
    `<meta data-pagefind-meta="summary[content]" content="${esc(searchSummary(item))}">`,
    `<p data-pagefind-weight="6">${esc((item.searchTerms ?? []).join(' '))}</p>`,
    `<p data-pagefind-weight="4">${esc(icuSearchText(item, departmentName))}</p>`,
    `<p>${esc([...item.materials.map((m) => m.name), item.result.name].join('；'))}</p>`,
    '</main></body></html>',
  ].join('');
}
