/** Blank application forms the guides link to: printed on A4 and filled in by hand. Sample data. */
export interface BlankForm {
  slug: string;
  title: string;
  fields: string[];
  declaration: string;
}

const declaration = '本人（单位）承诺所填内容和所交材料真实、有效，如有虚假，愿承担相应法律责任。';

export const blankForms: BlankForm[] = [
  {
    slug: 'shetuan-chengli-shenqingshu',
    title: '社会团体成立登记申请书',
    fields: [
      '拟定名称',
      '住所',
      '业务范围',
      '活动地域',
      '活动资金（万元）',
      '业务主管单位',
      '拟任法定代表人',
      '联系人及电话',
      '会员数量',
    ],
    declaration,
  },
  {
    slug: 'minfei-chengli-shenqingshu',
    title: '民办非企业单位成立登记申请书',
    fields: [
      '拟定名称',
      '住所',
      '业务范围',
      '开办资金（万元）',
      '业务主管单位',
      '举办者',
      '拟任法定代表人',
      '联系人及电话',
    ],
    declaration,
  },
  {
    slug: 'yibannashuiren-dengjibiao',
    title: '增值税一般纳税人登记表',
    fields: [
      '纳税人名称',
      '统一社会信用代码',
      '法定代表人',
      '生产经营地址',
      '核算地址',
      '纳税人类别',
      '主营业务类别',
      '会计核算是否健全',
      '一般纳税人资格生效之日',
    ],
    declaration,
  },
  {
    slug: 'budongchan-dengji-shenqingshu',
    title: '不动产登记申请书',
    fields: [
      '登记申请类型',
      '申请人（权利人）',
      '身份证件种类及号码',
      '申请人（义务人）',
      '不动产坐落',
      '不动产单元号',
      '不动产权证书号',
      '登记原因',
      '联系电话',
    ],
    declaration,
  },
];
