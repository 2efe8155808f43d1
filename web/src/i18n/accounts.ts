/** Words of signing in and of 用户与单位 (pages/login, pages/users). */
export const zh = {
  username: '用户名',
  password: '密码',
  loginTitle: '登录 Planwatch',
  loginHint: '公众无需登录即可查看驾驶舱、指标表、指标详情和规划文本。',
  usersTitle: '用户与单位',
  units: '单位',
  displayName: '显示名称',
  addUser: '新增用户',
  generatedPassword: '生成的初始密码（只显示一次）',
} as const;

export const en: Record<keyof typeof zh, string> = {
  username: 'Username',
  password: 'Password',
  loginTitle: 'Sign in to Planwatch',
  loginHint: 'The cockpit, indicator table, indicator pages and plan text are public.',
  usersTitle: 'Users and units',
  units: 'Units',
  displayName: 'Display name',
  addUser: 'Add user',
  generatedPassword: 'Generated password (shown once)',
};
