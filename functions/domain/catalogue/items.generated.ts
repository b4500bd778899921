// Generated from site/src/content by functions/store/catalogue-source.ts, on every
// `npm run build:site` and by `npx yichuang catalog generate`. Do not edit: change the JSON files.
import departments from '../../../site/src/content/departments.json' with { type: 'json' };
import item0 from '../../../site/src/content/services/YC-BDC-0101.json' with { type: 'json' };
import item1 from '../../../site/src/content/services/YC-BDC-0201.json' with { type: 'json' };
import item2 from '../../../site/src/content/services/YC-BDC-0301.json' with { type: 'json' };
import item3 from '../../../site/src/content/services/YC-BDC-0401.json' with { type: 'json' };
import item4 from '../../../site/src/content/services/YC-MZ-0101.json' with { type: 'json' };
import item5 from '../../../site/src/content/services/YC-MZ-0102.json' with { type: 'json' };
import item6 from '../../../site/src/content/services/YC-MZ-0103.json' with { type: 'json' };
import item7 from '../../../site/src/content/services/YC-MZ-0201.json' with { type: 'json' };
import item8 from '../../../site/src/content/services/YC-MZ-0202.json' with { type: 'json' };
import item9 from '../../../site/src/content/services/YC-MZ-0203.json' with { type: 'json' };
import item10 from '../../../site/src/content/services/YC-MZ-0301.json' with { type: 'json' };
import item11 from '../../../site/src/content/services/YC-MZ-0401.json' with { type: 'json' };
import item12 from '../../../site/src/content/services/YC-RS-0101.json' with { type: 'json' };
import item13 from '../../../site/src/content/services/YC-RS-0201.json' with { type: 'json' };
import item14 from '../../../site/src/content/services/YC-RS-0301.json' with { type: 'json' };
import item15 from '../../../site/src/content/services/YC-SJ-0101.json' with { type: 'json' };
import item16 from '../../../site/src/content/services/YC-SJ-0201.json' with { type: 'json' };
import item17 from '../../../site/src/content/services/YC-SJ-0301.json' with { type: 'json' };
import item18 from '../../../site/src/content/services/YC-SW-0101.json' with { type: 'json' };
import item19 from '../../../site/src/content/services/YC-SW-0201.json' with { type: 'json' };
import item20 from '../../../site/src/content/services/YC-SW-0202.json' with { type: 'json' };
import item21 from '../../../site/src/content/services/YC-SW-0301.json' with { type: 'json' };
import item22 from '../../../site/src/content/services/YC-SW-0401.json' with { type: 'json' };
import item23 from '../../../site/src/content/services/YC-SW-0402.json' with { type: 'json' };
import item24 from '../../../site/src/content/services/YC-SW-0403.json' with { type: 'json' };
import item25 from '../../../site/src/content/services/YC-SW-0501.json' with { type: 'json' };
import item26 from '../../../site/src/content/services/YC-WJW-0101.json' with { type: 'json' };
import item27 from '../../../site/src/content/services/YC-WJW-0201.json' with { type: 'json' };
import item28 from '../../../site/src/content/services/YC-WJW-0301.json' with { type: 'json' };

export const departmentsSource = { file: 'site/src/content/departments.json', data: departments as unknown };

export const itemSources: readonly { file: string; data: unknown }[] = [
  { file: 'site/src/content/services/YC-BDC-0101.json', data: item0 },
  { file: 'site/src/content/services/YC-BDC-0201.json', data: item1 },
  { file: 'site/src/content/services/YC-BDC-0301.json', data: item2 },
  { file: 'site/src/content/services/YC-BDC-0401.json', data: item3 },
  { file: 'site/src/content/services/YC-MZ-0101.json', data: item4 },
  { file: 'site/src/content/services/YC-MZ-0102.json', data: item5 },
  { file: 'site/src/content/services/YC-MZ-0103.json', data: item6 },
  { file: 'site/src/content/services/YC-MZ-0201.json', data: item7 },
  { file: 'site/src/content/services/YC-MZ-0202.json', data: item8 },
  { file: 'site/src/content/services/YC-MZ-0203.json', data: item9 },
  { file: 'site/src/content/services/YC-MZ-0301.json', data: item10 },
  { file: 'site/src/content/services/YC-MZ-0401.json', data: item11 },
  { file: 'site/src/content/services/YC-RS-0101.json', data: item12 },
  { file: 'site/src/content/services/YC-RS-0201.json', data: item13 },
  { file: 'site/src/content/services/YC-RS-0301.json', data: item14 },
  { file: 'site/src/content/services/YC-SJ-0101.json', data: item15 },
  { file: 'site/src/content/services/YC-SJ-0201.json', data: item16 },
  { file: 'site/src/content/services/YC-SJ-0301.json', data: item17 },
  { file: 'site/src/content/services/YC-SW-0101.json', data: item18 },
  { file: 'site/src/content/services/YC-SW-0201.json', data: item19 },
  { file: 'site/src/content/services/YC-SW-0202.json', data: item20 },
  { file: 'site/src/content/services/YC-SW-0301.json', data: item21 },
  { file: 'site/src/content/services/YC-SW-0401.json', data: item22 },
  { file: 'site/src/content/services/YC-SW-0402.json', data: item23 },
  { file: 'site/src/content/services/YC-SW-0403.json', data: item24 },
  { file: 'site/src/content/services/YC-SW-0501.json', data: item25 },
  { file: 'site/src/content/services/YC-WJW-0101.json', data: item26 },
  { file: 'site/src/content/services/YC-WJW-0201.json', data: item27 },
  { file: 'site/src/content/services/YC-WJW-0301.json', data: item28 },
];

/** Each item's rules (catalogue.ts `itemRules`) as JSON text, by item code. */
export const itemRulesText: Readonly<Record<string, string>> = {
  'YC-BDC-0101':
    '{"code":"YC-BDC-0101","version":"2026-01-01","name":"国有建设用地使用权及房屋所有权转移登记","department":"zrzy","class":"promised","limits":{"statutoryDays":30,"statutoryBasis":"《不动产登记暂行条例》第二十条","promisedDays":5},"materials":[{"name":"不动产登记申请书","required":true,"originals":1,"copies":0},{"name":"买卖双方有效身份证件","required":true,"originals":1,"copies":1},{"name":"不动产权证书","required":true,"originals":1,"copies":0},{"name":"房屋买卖合同或其他转移原因证明","required":true,"originals":1,"copies":0},{"name":"契税完税凭证","required":true,"originals":0,"copies":1},{"name":"婚姻状况证明","required":false,"condition":"权利人为自然人且涉及夫妻共有的","originals":1,"copies":1},{"name":"授权委托书及受托人身份证件","required":false,"condition":"委托他人代为办理的","originals":1,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审核","limitDays":2},{"name":"登簿","limitDays":1},{"name":"缮证发证","limitDays":1}],"result":{"delivery":["window","post","electronic"]}}',
  'YC-BDC-0201':
    '{"code":"YC-BDC-0201","version":"2026-01-01","name":"不动产抵押权首次登记","department":"zrzy","class":"promised","limits":{"statutoryDays":30,"statutoryBasis":"《不动产登记暂行条例》第二十条","promisedDays":3},"materials":[{"name":"不动产登记申请书","required":true,"originals":1,"copies":0},{"name":"抵押人有效身份证件","required":true,"originals":1,"copies":1},{"name":"不动产权证书","required":true,"originals":1,"copies":0},{"name":"主债权合同和抵押合同","required":true,"originals":1,"copies":0},{"name":"抵押权人（银行等金融机构）的营业执照和金融许可证","required":true,"originals":0,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审核登簿","limitDays":1},{"name":"发证","limitDays":1}],"result":{"delivery":["window","electronic"]}}',
  'YC-BDC-0301':
    '{"code":"YC-BDC-0301","version":"2026-01-01","name":"不动产登记资料查询","department":"zrzy","class":"instant","limits":{},"materials":[{"name":"查询人有效身份证件","required":true,"originals":1,"copies":1},{"name":"不动产登记资料查询申请书","required":true,"originals":1,"copies":0},{"name":"利害关系证明材料","required":false,"condition":"利害关系人查询的","originals":1,"copies":1},{"name":"授权委托书及受托人身份证件","required":false,"condition":"委托他人代为办理的","originals":1,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","electronic"]}}',
  'YC-BDC-0401':
    '{"code":"YC-BDC-0401","version":"2026-01-01","name":"预购商品房预告登记","department":"zrzy","class":"promised","limits":{"statutoryDays":30,"statutoryBasis":"《不动产登记暂行条例》第二十条","promisedDays":3},"materials":[{"name":"不动产登记申请书","required":true,"originals":1,"copies":0},{"name":"买受人有效身份证件","required":true,"originals":1,"copies":1},{"name":"商品房预售合同","required":true,"originals":1,"copies":0},{"name":"营业执照","required":true,"originals":0,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审核登簿","limitDays":1},{"name":"发证","limitDays":1}],"result":{"delivery":["window","electronic"]}}',
  'YC-MZ-0101':
    '{"code":"YC-MZ-0101","version":"2026-01-01","name":"社会团体成立登记","department":"mz","class":"promised","limits":{"statutoryDays":60,"statutoryBasis":"《社会团体登记管理条例》第十二条","promisedDays":20},"materials":[{"name":"社会团体成立登记申请书","required":true,"originals":1,"copies":0},{"name":"业务主管单位批准文件","required":true,"originals":1,"copies":0},{"name":"验资报告、场所使用权证明","required":true,"originals":1,"copies":1},{"name":"发起人和拟任负责人的基本情况、身份证明","required":true,"originals":1,"copies":1},{"name":"章程草案","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":15},{"name":"决定","limitDays":3},{"name":"制证","limitDays":1}],"result":{"delivery":["window","post"]}}',
  'YC-MZ-0102':
    '{"code":"YC-MZ-0102","version":"2026-01-01","name":"社会团体变更登记","department":"mz","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"社会团体变更登记申请表","required":true,"originals":1,"copies":0},{"name":"业务主管单位审查同意的文件","required":true,"originals":1,"copies":0},{"name":"会员大会或理事会关于变更事项的决议","required":true,"originals":1,"copies":0},{"name":"新任法定代表人的身份证明和任职前审计报告","required":false,"condition":"变更法定代表人的","originals":1,"copies":1},{"name":"新住所的使用权证明","required":false,"condition":"变更住所的","originals":1,"copies":1},{"name":"社会团体法人登记证书正、副本","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":6},{"name":"决定","limitDays":2},{"name":"换发证书","limitDays":1}],"result":{"delivery":["window","post"]}}',
  'YC-MZ-0103':
    '{"code":"YC-MZ-0103","version":"2026-01-01","name":"社会团体注销登记","department":"mz","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"社会团体注销登记申请书","required":true,"originals":1,"copies":0},{"name":"业务主管单位审查同意的文件","required":true,"originals":1,"copies":0},{"name":"清算报告书","required":true,"originals":1,"copies":0},{"name":"社会团体法人登记证书正、副本和印章","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":6},{"name":"决定","limitDays":2},{"name":"发布注销公告","limitDays":1}],"result":{"delivery":["window","post"]}}',
  'YC-MZ-0201':
    '{"code":"YC-MZ-0201","version":"2026-01-01","name":"民办非企业单位成立登记","department":"mz","class":"promised","limits":{"statutoryDays":60,"statutoryBasis":"《民办非企业单位登记管理暂行条例》","promisedDays":20},"materials":[{"name":"民办非企业单位成立登记申请书","required":true,"originals":1,"copies":0},{"name":"业务主管单位的批准文件","required":true,"originals":1,"copies":0},{"name":"场所使用权证明","required":true,"originals":1,"copies":1},{"name":"验资报告","required":true,"originals":1,"copies":0},{"name":"拟任负责人的基本情况、身份证明","required":true,"originals":1,"copies":1},{"name":"章程草案","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":15},{"name":"决定","limitDays":3},{"name":"制证","limitDays":1}],"result":{"delivery":["window","post"]}}',
  'YC-MZ-0202':
    '{"code":"YC-MZ-0202","version":"2026-01-01","name":"民办非企业单位变更登记","department":"mz","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"民办非企业单位变更登记申请表","required":true,"originals":1,"copies":0},{"name":"业务主管单位审查同意的文件","required":true,"originals":1,"copies":0},{"name":"新场所使用权证明","required":false,"condition":"变更住所的","originals":1,"copies":1},{"name":"新任法定代表人身份证明","required":false,"condition":"变更法定代表人的","originals":1,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":7},{"name":"决定","limitDays":2}],"result":{"delivery":["window"]}}',
  'YC-MZ-0203':
    '{"code":"YC-MZ-0203","version":"2026-01-01","name":"民办非企业单位注销登记","department":"mz","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"民办非企业单位注销登记申请书","required":true,"originals":1,"copies":0},{"name":"业务主管单位审查同意的文件","required":true,"originals":1,"copies":0},{"name":"清算报告","required":true,"originals":1,"copies":0},{"name":"登记证书正、副本和印章","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":7},{"name":"决定","limitDays":2}],"result":{"delivery":["window","post"]}}',
  'YC-MZ-0301':
    '{"code":"YC-MZ-0301","version":"2026-01-01","name":"地名命名、更名审批","department":"mz","class":"promised","limits":{"statutoryDays":20,"promisedDays":15},"materials":[{"name":"地名命名（更名）申请书","required":true,"originals":1,"copies":0},{"name":"建设工程规划许可证或项目批准文件","required":true,"originals":0,"copies":1},{"name":"标示命名对象位置和范围的平面图","required":true,"originals":1,"copies":0},{"name":"征求意见的材料","required":false,"condition":"更名的","originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查和论证","limitDays":10},{"name":"报批","limitDays":3},{"name":"公告","limitDays":1}],"result":{"delivery":["window","electronic"]}}',
  'YC-MZ-0401':
    '{"code":"YC-MZ-0401","version":"2026-01-01","name":"老年人优待证办理","department":"mz","class":"instant","limits":{},"materials":[{"name":"老年人本人有效身份证件","required":true,"originals":1,"copies":1},{"name":"本市居住证","required":false,"condition":"非本市户籍的","originals":1,"copies":1},{"name":"近期免冠一寸彩色照片","required":true,"originals":1,"copies":0},{"name":"授权委托书及受托人身份证件","required":false,"condition":"委托他人代为办理的","originals":1,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","post"]}}',
  'YC-RS-0101':
    '{"code":"YC-RS-0101","version":"2026-01-01","name":"就业登记","department":"rs","class":"instant","limits":{},"materials":[{"name":"就业登记表","required":true,"originals":1,"copies":0},{"name":"劳动者有效身份证件","required":true,"originals":1,"copies":1},{"name":"劳动合同","required":false,"condition":"用人单位为劳动者办理的","originals":0,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["electronic"]}}',
  'YC-RS-0201':
    '{"code":"YC-RS-0201","version":"2026-01-01","name":"失业登记","department":"rs","class":"instant","limits":{},"materials":[{"name":"申请人有效身份证件","required":true,"originals":1,"copies":1},{"name":"解除或终止劳动合同的证明","required":false,"condition":"由单位离职的","originals":0,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["electronic"]}}',
  'YC-RS-0301':
    '{"code":"YC-RS-0301","version":"2026-01-01","name":"社会保障卡申领","department":"rs","class":"promised","limits":{"statutoryDays":20,"promisedDays":10},"materials":[{"name":"申请人有效身份证件","required":true,"originals":1,"copies":1},{"name":"近期免冠一寸彩色照片","required":true,"originals":1,"copies":0},{"name":"户口簿","required":false,"condition":"未满 16 周岁的","originals":1,"copies":1},{"name":"授权委托书及受托人身份证件","required":false,"condition":"委托他人代为办理的","originals":1,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"制卡","limitDays":8},{"name":"发卡","limitDays":1}],"result":{"delivery":["window","post"]}}',
  'YC-SJ-0101':
    '{"code":"YC-SJ-0101","version":"2026-01-01","name":"个体工商户设立登记","department":"sj","class":"instant","limits":{"statutoryDays":3,"statutoryBasis":"《中华人民共和国市场主体登记管理条例》第十九条"},"materials":[{"name":"个体工商户登记（备案）申请书","required":true,"originals":1,"copies":0},{"name":"经营者有效身份证件","required":true,"originals":1,"copies":1},{"name":"经营场所使用证明","required":true,"originals":0,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","post","electronic"]}}',
  'YC-SJ-0201':
    '{"code":"YC-SJ-0201","version":"2026-01-01","name":"食品经营许可","department":"sj","class":"promised","limits":{"statutoryDays":10,"statutoryBasis":"《食品经营许可和备案管理办法》","promisedDays":5},"materials":[{"name":"食品经营许可申请书","required":true,"originals":1,"copies":0},{"name":"营业执照","required":true,"originals":0,"copies":1},{"name":"与食品经营相适应的主要设备设施布局、操作流程等文件","required":true,"originals":1,"copies":0},{"name":"食品安全自查、从业人员健康管理等食品安全规章制度","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查和现场核查","limitDays":3},{"name":"决定和发证","limitDays":1}],"result":{"delivery":["window","electronic"]}}',
  'YC-SJ-0301':
    '{"code":"YC-SJ-0301","version":"2026-01-01","name":"企业开办“一件事”","department":"sj","coDepartments":["sw","rs"],"class":"joint","limits":{"statutoryDays":45,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条（联合办理）","promisedDays":2},"materials":[{"name":"企业设立登记申请书","required":true,"originals":1,"copies":0},{"name":"公司章程","required":true,"originals":1,"copies":0},{"name":"股东和法定代表人有效身份证件","required":true,"originals":1,"copies":1},{"name":"住所使用证明","required":true,"originals":0,"copies":1},{"name":"刻制印章申请","required":false,"condition":"需要刻制公章的","originals":1,"copies":0}],"procedure":[{"name":"一窗受理","limitDays":1},{"name":"营业执照、税务信息确认和社保登记并联办理","limitDays":1},{"name":"一窗出件","limitDays":0}],"result":{"delivery":["window","post"]}}',
  'YC-SW-0101':
    '{"code":"YC-SW-0101","version":"2026-01-01","name":"增值税一般纳税人登记","department":"sw","class":"instant","limits":{},"materials":[{"name":"增值税一般纳税人登记表","required":true,"originals":1,"copies":0},{"name":"经办人身份证件","required":false,"condition":"到窗口办理的","originals":1,"copies":0}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","electronic"]}}',
  'YC-SW-0201':
    '{"code":"YC-SW-0201","version":"2026-01-01","name":"发票领用","department":"sw","class":"instant","limits":{},"materials":[{"name":"经办人身份证件","required":false,"condition":"到窗口领用纸质发票的","originals":1,"copies":0},{"name":"发票专用章印模","required":false,"condition":"首次领用纸质发票的","originals":1,"copies":0}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","post","electronic"]}}',
  'YC-SW-0202':
    '{"code":"YC-SW-0202","version":"2026-01-01","name":"增值税专用发票（增值税税控系统）最高开票限额审批","department":"sw","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"税务行政许可申请表","required":true,"originals":1,"copies":0},{"name":"增值税专用发票最高开票限额申请单","required":true,"originals":1,"copies":0},{"name":"近期购销合同或经营情况说明","required":false,"condition":"申请最高开票限额为一百万元以上的","originals":1,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":6},{"name":"决定","limitDays":2},{"name":"送达","limitDays":1}],"result":{"delivery":["window","electronic"]}}',
  'YC-SW-0301':
    '{"code":"YC-SW-0301","version":"2026-01-01","name":"退抵税费办理","department":"sw","class":"promised","limits":{"statutoryDays":30,"statutoryBasis":"《中华人民共和国税收征收管理法实施细则》第七十八条","promisedDays":10},"materials":[{"name":"退（抵）税申请表","required":true,"originals":1,"copies":0},{"name":"多缴税费的证明材料","required":true,"originals":1,"copies":1},{"name":"经办人身份证件","required":false,"condition":"到窗口办理的","originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"核实","limitDays":5},{"name":"审批","limitDays":3},{"name":"退库","limitDays":1}],"result":{"delivery":["electronic"]}}',
  'YC-SW-0401':
    '{"code":"YC-SW-0401","version":"2026-01-01","name":"车辆购置税申报","department":"sw","class":"instant","limits":{},"materials":[{"name":"纳税人有效身份证件","required":true,"originals":1,"copies":1},{"name":"车辆合格证明","required":true,"originals":1,"copies":0},{"name":"车辆相关价格凭证","required":true,"originals":1,"copies":0},{"name":"海关进口关税专用缴款书等进口证明","required":false,"condition":"进口自用车辆的","originals":1,"copies":0}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["electronic"]}}',
  'YC-SW-0402':
    '{"code":"YC-SW-0402","version":"2026-01-01","name":"车辆购置税减免税申报","department":"sw","class":"instant","limits":{},"materials":[{"name":"纳税人有效身份证件","required":true,"originals":1,"copies":1},{"name":"车辆合格证明","required":true,"originals":1,"copies":0},{"name":"车辆相关价格凭证","required":true,"originals":1,"copies":0},{"name":"残疾人证或其他减免税证明材料","required":false,"condition":"按特定身份申请减免的","originals":1,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["electronic"]}}',
  'YC-SW-0403':
    '{"code":"YC-SW-0403","version":"2026-01-01","name":"车辆购置税完税证明补开","department":"sw","class":"instant","limits":{},"materials":[{"name":"车主有效身份证件","required":true,"originals":1,"copies":1},{"name":"机动车行驶证","required":true,"originals":1,"copies":1},{"name":"授权委托书及受托人身份证件","required":false,"condition":"委托他人代为办理的","originals":1,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window"]}}',
  'YC-SW-0501':
    '{"code":"YC-SW-0501","version":"2026-01-01","name":"税收减免备案","department":"sw","class":"instant","limits":{},"materials":[{"name":"纳税人减免税备案登记表","required":true,"originals":1,"copies":0},{"name":"减免税依据的相关证明材料","required":true,"originals":0,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["window","electronic"]}}',
  'YC-WJW-0101':
    '{"code":"YC-WJW-0101","version":"2026-01-01","name":"生育登记","department":"wjw","class":"instant","limits":{},"materials":[{"name":"夫妻双方有效身份证件","required":true,"originals":1,"copies":1},{"name":"结婚证","required":true,"originals":1,"copies":0},{"name":"医学诊断证明","required":false,"condition":"已怀孕、尚未生育的","originals":0,"copies":1}],"procedure":[{"name":"受理"},{"name":"审核"},{"name":"办结"}],"result":{"delivery":["electronic","window"]}}',
  'YC-WJW-0201':
    '{"code":"YC-WJW-0201","version":"2026-01-01","name":"公共场所卫生许可","department":"wjw","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":10},"materials":[{"name":"公共场所卫生许可申请表","required":true,"originals":1,"copies":0},{"name":"营业执照","required":true,"originals":0,"copies":1},{"name":"卫生检测或评价报告","required":true,"originals":1,"copies":0},{"name":"场所平面布局图和卫生设施说明","required":true,"originals":1,"copies":0},{"name":"从业人员健康合格证明","required":true,"originals":0,"copies":1}],"procedure":[{"name":"受理","limitDays":1},{"name":"审查","limitDays":3},{"name":"现场审核","limitDays":4},{"name":"决定和发证","limitDays":2}],"result":{"delivery":["window","post"]}}',
  'YC-WJW-0301':
    '{"code":"YC-WJW-0301","version":"2026-01-01","name":"医师执业注册","department":"wjw","class":"promised","limits":{"statutoryDays":20,"statutoryBasis":"《中华人民共和国行政许可法》第四十二条","promisedDays":5},"materials":[{"name":"医师执业注册申请审核表","required":true,"originals":1,"copies":0},{"name":"申请人有效身份证件","required":true,"originals":1,"copies":1},{"name":"医师资格证书","required":true,"originals":1,"copies":1},{"name":"近 6 个月内的健康体检证明","required":true,"originals":1,"copies":0},{"name":"拟执业机构的聘用证明","required":true,"originals":1,"copies":0}],"procedure":[{"name":"受理","limitDays":1},{"name":"审核","limitDays":3},{"name":"决定和发证","limitDays":1}],"result":{"delivery":["electronic"]}}',
};
