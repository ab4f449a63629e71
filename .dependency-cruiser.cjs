/** Layering rules of design.md §2, checked by `npm run lint`. */
const platform =
  'libs/(domain|contracts|config|database|observability|auth|audit|outbox|regions|calendar|testing)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'libs-never-import-apps', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
    {
      name: 'domain-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/domain/' },
    },
    {
      name: 'contracts-stay-decorator-free',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: {
        path: '^(libs|apps)/|node_modules/(@nestjs|typeorm|class-validator)',
        pathNot: '^libs/contracts/',
      },
    },
    {
      name: 'platform-never-imports-contexts',
      severity: 'error',
      from: { path: `^${platform}` },
      to: { path: '^libs/(intake|cases|referrals|credit|notifications|stats)/' },
    },
    {
      name: 'production-code-never-imports-testing',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(int-)?spec\\.ts$|^libs/testing/' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'web-stays-in-web',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps)/', pathNot: '^apps/web/|^libs/contracts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules|apps/web/dist)' },
  },
};
