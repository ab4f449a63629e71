import type { Competence, Role } from '@app/contracts';

/**
 * Demo organisation: two provinces (浙江, 江苏) with their market-regulation bureaus (which act as the
 * local IP offices since the 2018 reform), the 12330 assistance centres, a copyright bureau, an
 * agriculture department for plant varieties, and public-security liaison offices for criminal transfers.
 */
export interface DemoOffice {
  name: string;
  shortName: string;
  regionCode: string;
  competences: Competence[];
}

export const DEMO_OFFICES: DemoOffice[] = [
  {
    name: '浙江省市场监督管理局（浙江省知识产权局）',
    shortName: '浙知执',
    regionCode: '330000',
    competences: ['patent', 'trademark'],
  },
  { name: '浙江省知识产权保护中心（12330）', shortName: '浙知保', regionCode: '330000', competences: [] },
  { name: '浙江省版权局', shortName: '浙版', regionCode: '330000', competences: ['copyright'] },
  { name: '浙江省农业农村厅', shortName: '浙农', regionCode: '330000', competences: ['plant_variety'] },
  { name: '浙江省公安厅', shortName: '浙公', regionCode: '330000', competences: ['public_security'] },
  {
    name: '杭州市市场监督管理局（杭州市知识产权局）',
    shortName: '杭知执',
    regionCode: '330100',
    competences: ['patent', 'trademark'],
  },
  { name: '杭州市公安局', shortName: '杭公', regionCode: '330100', competences: ['public_security'] },
  {
    name: '杭州市西湖区市场监督管理局',
    shortName: '西湖知执',
    regionCode: '330106',
    competences: ['trademark'],
  },
  {
    name: '宁波市市场监督管理局（宁波市知识产权局）',
    shortName: '甬知执',
    regionCode: '330200',
    competences: ['patent', 'trademark'],
  },
  { name: '义乌市市场监督管理局', shortName: '义知执', regionCode: '330782', competences: ['trademark'] },
  {
    name: '江苏省市场监督管理局（江苏省知识产权局）',
    shortName: '苏知执',
    regionCode: '320000',
    competences: ['patent', 'trademark'],
  },
  { name: '江苏省知识产权保护中心（12330）', shortName: '苏知保', regionCode: '320000', competences: [] },
  { name: '江苏省版权局', shortName: '苏版', regionCode: '320000', competences: ['copyright'] },
  { name: '江苏省公安厅', shortName: '苏公', regionCode: '320000', competences: ['public_security'] },
  {
    name: '南京市市场监督管理局（南京市知识产权局）',
    shortName: '宁知执',
    regionCode: '320100',
    competences: ['patent', 'trademark'],
  },
  {
    name: '苏州市市场监督管理局（苏州市知识产权局）',
    shortName: '苏州知执',
    regionCode: '320500',
    competences: ['patent', 'trademark'],
  },
  { name: '苏州市公安局', shortName: '苏州公', regionCode: '320500', competences: ['public_security'] },
  { name: '昆山市市场监督管理局', shortName: '昆知执', regionCode: '320583', competences: ['trademark'] },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  office: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    roles: ['admin'],
    office: '浙江省市场监督管理局（浙江省知识产权局）',
  },
  {
    username: 'operator.zj',
    displayName: '王接线',
    roles: ['operator'],
    office: '浙江省知识产权保护中心（12330）',
  },
  {
    username: 'officer.zj',
    displayName: '李执法',
    roles: ['officer'],
    office: '杭州市市场监督管理局（杭州市知识产权局）',
  },
  {
    username: 'officer2.zj',
    displayName: '周办案',
    roles: ['officer'],
    office: '杭州市市场监督管理局（杭州市知识产权局）',
  },
  {
    username: 'officer3.zj',
    displayName: '吴法务',
    roles: ['officer'],
    office: '杭州市市场监督管理局（杭州市知识产权局）',
  },
  {
    username: 'head.hz',
    displayName: '孙科长',
    roles: ['officer', 'supervisor'],
    office: '杭州市市场监督管理局（杭州市知识产权局）',
  },
  {
    username: 'supervisor.zj',
    displayName: '赵督导',
    roles: ['supervisor'],
    office: '浙江省市场监督管理局（浙江省知识产权局）',
  },
  {
    username: 'operator.js',
    displayName: '陈接线',
    roles: ['operator'],
    office: '江苏省知识产权保护中心（12330）',
  },
  {
    username: 'officer.js',
    displayName: '周执法',
    roles: ['officer'],
    office: '南京市市场监督管理局（南京市知识产权局）',
  },
  {
    username: 'officer2.js',
    displayName: '钱稽查',
    roles: ['officer'],
    office: '南京市市场监督管理局（南京市知识产权局）',
  },
  {
    username: 'supervisor.js',
    displayName: '吴督导',
    roles: ['supervisor'],
    office: '江苏省市场监督管理局（江苏省知识产权局）',
  },
];
