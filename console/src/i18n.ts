/**
 * Languages: zh-CN first (the banks' back offices), English on the header's switch. Every string a
 * page shows is a key here; a page adds its own keys under its name (see console/README.md).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const zhCN = {
  app: { title: 'Perkmall 运营控制台', short: 'Perkmall' },
  nav: { dashboard: '工作台', audit: '操作审计', approvals: '审批' },
  header: { language: '语言', signOut: '退出登录', tenant: '机构', platform: 'Perkmall 平台', menu: '导航菜单' },
  role: {
    PLATFORM_ADMIN: '平台管理员',
    BANK_ADMIN: '银行管理员',
    BANK_OPERATOR: '银行运营',
    SUPPLIER_ADMIN: '供应商管理员',
    SUPPLIER_STAFF: '供应商员工',
  },
  signIn: {
    title: '登录运营控制台',
    loginName: '登录名',
    password: '密码',
    totpCode: '动态验证码',
    totpHint: '请输入身份验证器 App 中的 6 位验证码。',
    submit: '登录',
    verify: '验证',
    back: '返回',
    required: '请填写{{field}}',
    totpFormat: '请输入 6 位数字',
    enrolTitle: '绑定身份验证器',
    enrolHint: '管理员需要第二重验证。请将以下密钥添加到身份验证器 App（仅显示一次），然后输入当前验证码。',
    secret: '密钥',
    sso: '使用本行统一身份认证登录',
    ssoBankCode: '银行代码',
    ssoBegin: '单点登录',
    ssoCompleting: '正在完成单点登录…',
    or: '或',
    errors: {
      invalid_credentials: '登录名、密码或验证码错误。',
      locked: '失败次数过多，请 {{seconds}} 秒后再试。',
      temporarily_unavailable: '登录服务暂不可用，请稍后重试。',
      NOT_FOUND: '未找到该银行的单点登录配置。',
      unknown: '登录失败：{{message}}',
    },
  },
  dashboard: {
    welcome: '欢迎，{{name}}',
    intro: '从左侧菜单进入您有权限的功能。',
    permissions: '您的权限',
    session: '本次会话',
  },
  audit: {
    title: '操作审计',
    intro: '员工和合作方应用所做的每一次变更，最新在前。',
    occurredAt: '时间',
    actor: '操作人',
    operation: '操作',
    target: '对象',
    action: '动作',
    subgraph: '服务',
    changes: '变更字段',
    field: '字段',
    before: '变更前',
    after: '变更后',
    filterOperation: '操作（如 updateSku）',
    filterTargetType: '对象类型（如 Listing）',
    filterActor: '操作人（如 staff:2）',
    filterRange: '时间范围',
    search: '查询',
    reset: '重置',
    previous: '上一页',
    next: '下一页',
    page: '第 {{page}} 页',
    empty: '没有符合条件的记录',
    CREATE: '创建',
    UPDATE: '修改',
    DELETE: '删除',
  },
  common: { loading: '加载中…', error: '出错了：{{message}}', retry: '重试', notFound: '页面不存在' },
};

const en: typeof zhCN = {
  app: { title: 'Perkmall operator console', short: 'Perkmall' },
  nav: { dashboard: 'Dashboard', audit: 'Audit trail', approvals: 'Approvals' },
  header: {
    language: 'Language',
    signOut: 'Sign out',
    tenant: 'Organisation',
    platform: 'Perkmall platform',
    menu: 'Navigation',
  },
  role: {
    PLATFORM_ADMIN: 'Platform admin',
    BANK_ADMIN: 'Bank admin',
    BANK_OPERATOR: 'Bank operator',
    SUPPLIER_ADMIN: 'Supplier admin',
    SUPPLIER_STAFF: 'Supplier staff',
  },
  signIn: {
    title: 'Sign in to the operator console',
    loginName: 'Login name',
    password: 'Password',
    totpCode: 'Authenticator code',
    totpHint: 'Enter the 6-digit code from your authenticator app.',
    submit: 'Sign in',
    verify: 'Verify',
    back: 'Back',
    required: 'Enter your {{field}}',
    totpFormat: 'Enter 6 digits',
    enrolTitle: 'Set up your authenticator',
    enrolHint:
      'Administrators sign in with a second factor. Add this secret to an authenticator app (it is shown only now), then enter its current code.',
    secret: 'Secret',
    sso: "Sign in with your bank's identity provider",
    ssoBankCode: 'Bank code',
    ssoBegin: 'Single sign-on',
    ssoCompleting: 'Completing single sign-on…',
    or: 'or',
    errors: {
      invalid_credentials: 'Wrong login name, password or code.',
      locked: 'Too many failed sign-ins: try again in {{seconds}} s.',
      temporarily_unavailable: 'Sign-in is unavailable right now; retry shortly.',
      NOT_FOUND: 'This bank has no single sign-on connection.',
      unknown: 'Sign-in failed: {{message}}',
    },
  },
  dashboard: {
    welcome: 'Welcome, {{name}}',
    intro: 'Open what your permissions allow from the menu on the left.',
    permissions: 'Your permissions',
    session: 'This session',
  },
  audit: {
    title: 'Audit trail',
    intro: 'Every change staff and partner apps made, newest first.',
    occurredAt: 'When',
    actor: 'Who',
    operation: 'Operation',
    target: 'Target',
    action: 'Action',
    subgraph: 'Service',
    changes: 'Changed fields',
    field: 'Field',
    before: 'Before',
    after: 'After',
    filterOperation: 'Operation (e.g. updateSku)',
    filterTargetType: 'Target type (e.g. Listing)',
    filterActor: 'Actor (e.g. staff:2)',
    filterRange: 'Time range',
    search: 'Search',
    reset: 'Reset',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {{page}}',
    empty: 'No entries match',
    CREATE: 'Created',
    UPDATE: 'Updated',
    DELETE: 'Deleted',
  },
  common: { loading: 'Loading…', error: 'Something went wrong: {{message}}', retry: 'Retry', notFound: 'No such page' },
};

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Keeps `<html lang>` with the language (screen readers and axe's html-has-lang read it). */
i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));

export default i18n;
