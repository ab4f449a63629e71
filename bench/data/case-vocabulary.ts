/**
 * Word lists for the synthetic case generator (case-generator.ts). Fictional names only: brands, companies, works and
 * people are assembled from syllables, so no real party is named in generated data.
 */

/** Province abbreviations (简称) used in office short names, by GB/T 2260 province prefix. */
export const PROVINCE_ABBR: Readonly<Record<string, string>> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '黔',
  '53': '滇',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};

/**
 * Share of cases per province, in percent (domain.md §7: heavily skewed toward 广东, 浙江, 江苏). The three lead
 * provinces are fixed at 45 %; the others are scaled to fill the remaining 55 %.
 */
export const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  '44': 20,
  '33': 13,
  '32': 12,
  '37': 6,
  '31': 5,
  '11': 5,
  '35': 4,
  '51': 3.5,
  '41': 3,
  '42': 3,
  '34': 2.5,
  '43': 2.5,
  '13': 2,
  '12': 1.5,
  '50': 1.5,
  '61': 1.5,
  '21': 1.5,
  '36': 1.2,
  '45': 1.2,
  '53': 1,
  '52': 0.8,
  '23': 0.7,
  '14': 0.7,
  '22': 0.6,
  '15': 0.5,
  '65': 0.5,
  '46': 0.5,
  '62': 0.4,
  '64': 0.2,
  '63': 0.15,
  '54': 0.05,
};
export const LEAD_PROVINCES = ['44', '33', '32'];

/** Relative case load of the busiest prefectures (others weigh 1, provincial capitals 3). */
export const CITY_WEIGHTS: Readonly<Record<string, number>> = {
  '440100': 6,
  '440300': 7,
  '441900': 4,
  '440600': 4,
  '442000': 2,
  '441300': 2,
  '330100': 6,
  '330200': 4,
  '330300': 3,
  '330700': 4,
  '330600': 2,
  '320500': 6,
  '320100': 4,
  '320200': 3,
  '320400': 2,
  '320600': 2,
  '370200': 3,
  '370100': 3,
  '350200': 3,
  '350100': 3,
  '350500': 3,
  '510100': 6,
  '420100': 5,
  '410100': 4,
  '430100': 4,
  '340100': 4,
  '610100': 5,
  '210100': 2,
  '210200': 2,
};

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红宇浩凯晨文斌欣怡佳琪思雨子涵梓轩志国海波丹云峰亮婷慧',
];

/** Syllables of fictional trade names (字号) and brands. */
export const TRADE_CHARS = [
  ...'恒达华锐新盛鑫源泰丰宏远嘉信合创美佳优品汇通联众瑞祥金顺隆兴安康博雅凯旋亿邦天成中科海纳百川启航星辰鼎立长荣永昌德福宝利俊逸卓越腾飞绿洲润泽晶尚',
];
export const INDUSTRIES = [
  '贸易',
  '电子科技',
  '服装',
  '鞋业',
  '五金制品',
  '化妆品',
  '食品',
  '玩具',
  '家居用品',
  '网络科技',
  '生物科技',
  '机械设备',
  '照明电器',
  '箱包皮具',
  '茶业',
  '文化传媒',
  '日用品',
  '汽车配件',
  '电器',
  '母婴用品',
  '酒业',
  '眼镜',
  '钟表',
  '体育用品',
  '印刷包装',
];
export const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];
export const SHOP_KINDS = ['商行', '经营部', '日用品店', '服装店', '电子产品店', '批发部'];
export const HOLDER_FORMS = [
  '集团股份有限公司',
  '（中国）有限公司',
  '科技股份有限公司',
  '实业有限公司',
  '控股有限公司',
];
export const FOREIGN_HOLDER_FORMS = ['株式会社', ' Inc.', ' GmbH', ' S.p.A.', ' Ltd.'];
export const FOREIGN_HOLDER_NAMES = [
  'Aurelis',
  'Nordvik',
  'Kestrel',
  'Valmont',
  'Orinoco',
  'Brightwell',
  'Halvorsen',
  'Montclair',
  'Sakuragi',
  'Tsubame',
];

export const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '新华路',
  '和平路',
  '文化路',
  '工业大道',
  '商贸城',
  '科技园路',
  '滨江路',
  '东风路',
];
export const MARKETS = ['商贸城', '小商品市场', '服装批发市场', '电子市场', '购物中心', '步行街', '农贸市场'];

export const GOODS = [
  '运动鞋',
  '箱包',
  '手表',
  '服装',
  '化妆品',
  '白酒',
  '手机配件',
  '耳机',
  '洗发水',
  '奶粉',
  '太阳镜',
  '电动工具',
  '轮胎',
  '茶叶',
  '玩具',
];
export const INVENTIONS = [
  '便携式榨汁机',
  '智能门锁',
  'LED照明灯具',
  '折叠式婴儿推车',
  '电动牙刷',
  '无线充电装置',
  '空气净化器',
  '保温杯',
  '扫地机器人',
  '太阳能充电宝',
  '防滑地垫',
  '多功能料理锅',
  '电动滑板车',
  '汽车座椅调节机构',
  '锂电池保护电路',
];
export const DESIGN_OBJECTS = [
  '包装盒（茶叶）',
  '手机壳',
  '台灯',
  '水杯',
  '儿童餐椅',
  '蓝牙音箱',
  '鼠标',
  '行李箱',
  '香水瓶',
  '灯具（吸顶灯）',
  '运动鞋鞋底',
  '玩具车',
];
export const WORK_KINDS = ['摄影作品', '美术作品', '文字作品', '音乐作品', '视听作品'];
export const WORK_WORDS = [...'春夏秋冬山河星月风云花雨光影江湖城梦远归行'];
export const SOFTWARE_WORDS = [
  '管理系统',
  '办公软件',
  '设计软件',
  '教学平台',
  '财务软件',
  '监控系统',
  '游戏',
];
export const VARIETY_PREFIXES = [
  '郑麦',
  '登海',
  '隆两优',
  '中黄',
  '济麦',
  '苏玉',
  '浙优',
  '粤禾',
  '川农',
  '鲁单',
];
