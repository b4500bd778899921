/**
 * The monthly report draft (domain/figures/report.ts) as a Word document that opens in Word and
 * WPS, in the look of an official document (GB/T 9704): A4, margins 37/26/35/28 mm, body 仿宋_GB2312
 * 三号 (16 pt) on an exact 28-point line with a two-character first-line indent, title 方正小标宋简体
 * 二号 (22 pt), first-level headings 黑体, second-level 楷体_GB2312, Latin text and digits Times New
 * Roman, page numbers "— 1 —" in 宋体 四号. The Chinese fonts are named as East Asian fonts
 * (`w:rFonts w:eastAsia`), and the font table gives each its usual substitute (`w:altName`:
 * 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), so a machine without the GB2312 fonts
 * still shows an official-looking draft. The handler imports this module on a docx request only, and
 * this module imports the docx package when it writes: the HTML drafts never read it (in the cloud
 * it is not in the function's bundle but beside it, infra/functions.ts lazyModules).
 */
import type { IRunOptions, PageNumber as PageNumbers, Paragraph } from 'docx';
import type { MonthlyReport } from '../../domain/figures/report.ts';

/** The docx package, imported by the first Word draft (infra/functions.ts lazyModules: not in the bundle). */
type Docx = typeof import('docx');

const latin = 'Times New Roman';
/** East Asian fonts, each with the substitute named in the font table. */
export const reportFonts = {
  title: { name: '方正小标宋简体', substitute: '宋体' },
  body: { name: '仿宋_GB2312', substitute: '仿宋' },
  heading: { name: '黑体', substitute: 'SimHei' },
  subheading: { name: '楷体_GB2312', substitute: '楷体' },
  pageNumber: { name: '宋体', substitute: 'SimSun' },
} as const;

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const sizes = { title: 44, body: 32, small: 28 } as const;
/** Twips: an exact 28-point line (22 lines to the A4 type area). */
const bodyLine = 560;

function font(eastAsia: string): IRunOptions['font'] {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' };
}

/** Millimetres in twips, rounded as Word does (A4 is 11906 × 16838). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);

const indented = { firstLineChars: 200, firstLine: 640 };

/** The runs and paragraphs of the draft, made with the docx package once it is imported. */
function writer(docx: Docx) {
  const { AlignmentType, LineRuleType, Paragraph, TextRun } = docx;
  const spacing = { line: bodyLine, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const run = (
    text: string,
    which: keyof typeof reportFonts,
    size: number,
    extra: Partial<IRunOptions> = {},
  ) => new TextRun({ text, font: font(reportFonts[which].name), size, ...extra });
  return {
    spacing,
    run,
    bodyParagraph: (text: string, extra: Partial<IRunOptions> = {}): Paragraph =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing,
        indent: indented,
        children: [run(text, 'body', sizes.body, extra)],
      }),
    headingParagraph: (text: string, which: 'heading' | 'subheading'): Paragraph =>
      new Paragraph({ spacing, indent: indented, children: [run(text, which, sizes.body)] }),
  };
}

/** The font table: every font the document names, East Asian (GB2312, charset 86) with its substitute. */
function fontTableXml(): string {
  const fonts = Object.values(reportFonts)
    .map(
      ({ name, substitute }) =>
        `<w:font w:name="${name}"><w:altName w:val="${substitute}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:font w:name="${latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    fonts +
    '</w:fonts>'
  );
}

export async function reportDocx(report: MonthlyReport): Promise<Uint8Array> {
  const docx: Docx = await import('docx');
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } = docx;
  const { spacing, run, bodyParagraph, headingParagraph } = writer(docx);
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 720, lineRule: LineRuleType.EXACT, after: 160 },
      children: [run(report.title, 'title', sizes.title)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...spacing, after: 320 },
      children: [run(report.note, 'subheading', sizes.small)],
    }),
  ];
  for (const section of report.sections) {
    children.push(headingParagraph(section.heading, 'heading'));
    for (const paragraph of section.paragraphs) children.push(bodyParagraph(paragraph));
    if (section.prompts.length > 0) {
      const prompt = { color: '666666', italics: true };
      children.push(bodyParagraph('撰稿提示（定稿前删除）：', prompt));
      for (const text of section.prompts) children.push(bodyParagraph(`· ${text}`, prompt));
    }
    for (const list of section.lists) {
      children.push(headingParagraph(list.heading, 'subheading'));
      if (list.items.length === 0) children.push(bodyParagraph(list.none));
      list.items.forEach((item, index) => {
        children.push(bodyParagraph(`${index + 1}. ${item}`));
      });
    }
    if (section.placeholder) children.push(bodyParagraph(section.placeholder, { color: '666666' }));
  }
  const pageNumber = (text: string | (typeof PageNumbers)[keyof typeof PageNumbers]) =>
    new TextRun({ children: [text], font: font(reportFonts.pageNumber.name), size: sizes.small });
  const document = new Document({
    title: report.title,
    creator: 'Yichuang 一窗',
    description: report.note,
    styles: {
      default: {
        document: {
          run: {
            font: font(reportFonts.body.name),
            size: sizes.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              footer: mm(28),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [pageNumber('— '), pageNumber(PageNumber.CURRENT), pageNumber(' —')],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(document, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
