import { describe, expect, it } from 'vitest';
import { guideLayout, resolveDisclosures } from '../../../functions/domain/catalogue/disclosures.ts';
import { esc, guideSection } from '../../../site/src/lib/guide-html.ts';
import { commitmentItem, deferredItem, instantItem, promisedItem } from './fixtures.ts';

const centre = {
  address: '示例路 1 号',
  transport: '地铁',
  hours: '工作日',
  phones: { consultation: '0000-1', complaint: '0000-2' },
};

describe('guide page body', () => {
  it('escapes every catalogue value', () => {
    expect(esc(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const item = promisedItem({ conditions: ['<script>alert(1)</script>'] });
    const html = guideSection({ key: 'conditions', label: '申请条件' }, 3, {
      item,
      department: undefined,
      coDepartments: [],
      centre,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('renders each disclosure with its heading id and the catalogue values', () => {
    const ctx = { item: promisedItem(), department: undefined, coDepartments: [], centre };
    const { disclosures, rest } = guideLayout(resolveDisclosures('six'));
    const html = disclosures.map((d) => guideSection(d, 3, ctx)).join('');
    for (const d of disclosures) expect(html).toContain(`<h3 id="s-${d.key}">${d.label}</h3>`);
    expect(html).toContain('<li>已经业务主管单位审查同意</li>');
    expect(html).toContain('<dt>法定时限</dt><dd>20 个工作日</dd>');
    expect(html).toContain('<dt>承诺时限</dt><dd>10 个工作日</dd>');
    expect(html).toContain('<p>不收费</p>');
    expect(html).toContain('<input type="checkbox" id="m2"><label for="m2"><strong>住所使用证明</strong>');
    // Sections with nothing to say are left out, not shown empty.
    expect(rest.map((d) => guideSection(d, 2, ctx)).join('')).not.toContain('s-faq');
  });

  it('shows 当场办结 for an instant item', () => {
    const html = guideSection({ key: 'timeLimit', label: '办理时限' }, 3, {
      item: instantItem(),
      department: undefined,
      coDepartments: [],
      centre,
    });
    expect(html).toContain('<dt>承诺时限</dt><dd>当场办结</dd>');
  });

  it('shows the acceptance paths in their own blocks, and nothing for an item without them', () => {
    const section = (key: 'deferredAcceptance' | 'commitmentDecision', item = promisedItem()) =>
      guideSection(
        { key, label: key === 'deferredAcceptance' ? '可容缺受理的材料' : '可告知承诺的证明事项' },
        2,
        {
          item,
          department: undefined,
          coDepartments: [],
          centre,
        },
      );
    expect(section('deferredAcceptance')).toBe('');
    expect(section('commitmentDecision')).toBe('');
    const owed = section('deferredAcceptance', deferredItem());
    expect(owed).toContain('<h2 id="s-deferredAcceptance">可容缺受理的材料</h2>');
    expect(owed).toContain('<li><strong>住所使用证明</strong>（纸质）</li>');
    expect(owed).toContain('<dt>补齐期限</dt><dd>受理之日起 5 个工作日内</dd>');
    expect(owed).toContain('<dt>逾期未补齐</dt><dd>暂停办理，补齐后继续</dd>');
    const committed = section('commitmentDecision', commitmentItem());
    expect(committed).toContain('<h2 id="s-commitmentDecision">可告知承诺的证明事项</h2>');
    expect(committed).toContain('<li><strong>住所使用证明</strong></li>');
    expect(committed).toContain(
      '<dt>事后核查</dt><dd>决定之日起 10 个工作日内，数据共享核验：核验不动产登记信息。</dd>',
    );
    expect(committed).toContain('<dt>虚假承诺的责任</dt><dd>承诺不实的，撤销登记并记入信用记录。</dd>');
    // The material list marks the path beside the material.
    const materials = guideSection({ key: 'materials', label: '申请材料' }, 2, {
      item: deferredItem(),
      department: undefined,
      coDepartments: [],
      centre,
    });
    expect(materials).toContain(
      '<strong>住所使用证明</strong><span class="tag">视情形提交</span><span class="tag tag-path">可容缺</span>',
    );
  });
});
