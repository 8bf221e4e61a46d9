/**
 * The signed-in frame, Ant Design Pro style: side menu of the pages the person may open, a header
 * with their organisation, name, role, the language switch and sign-out, and the page in between.
 */
import { Suspense, useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Layout from 'antd/es/layout';
import Menu from 'antd/es/menu';
import Result from 'antd/es/result';
import Segmented from 'antd/es/segmented';
import Space from 'antd/es/space';
import Spin from 'antd/es/spin';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from './api';
import { signOut } from './auth';
import { LANGUAGES } from './i18n';
import { MeContext, MeDocument, type Me } from './me';
import { pagesFor } from './pages';

const { Header, Sider, Content } = Layout;

/** Two languages: a segmented switch, not a Select, whose closed drop-down leaves an unlabelled listbox behind. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      aria-label={t('header.language')}
      data-testid="language-switch"
      size="small"
      value={i18n.language}
      onChange={(lng) => void i18n.changeLanguage(String(lng))}
      options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
    />
  );
}

function tenantOf(me: Me, platform: string): string {
  return me.bank?.name ?? me.supplier?.name ?? platform;
}

function Frame({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = pagesFor(me);
  // The router's paths are below its basename (/console): `/audit`, `/`.
  const current = location.pathname.split('/')[1] ?? '';
  const selected = pages.find((p) => p.path === current)?.key ?? 'dashboard';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 18, padding: '16px 24px' }}>{t('app.short')}</div>
        <nav aria-label={t('header.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={pages.map((p) => ({
              key: p.key,
              icon: p.icon,
              label: (
                <Link to={`/${p.path}`} data-testid={`menu-${p.key}`}>
                  {t(p.label)}
                </Link>
              ),
            }))}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <Typography.Text data-testid="tenant">
              {t('header.tenant')}: {tenantOf(me, t('header.platform'))}
            </Typography.Text>
          </Space>
          <Space size="middle">
            <LanguageSwitch />
            <Space data-testid="person">
              <UserOutlined aria-hidden />
              <Typography.Text>{me.displayName}</Typography.Text>
              <Tag color="blue">{t(`role.${me.role}`)}</Tag>
            </Space>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
              {t('header.signOut')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <main>
            <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
              <Routes>
                {pages.map((p) => (
                  <Route key={p.key} path={`/${p.path}`} element={<p.component />} />
                ))}
                <Route path="/sign-in" element={<Navigate to="/" replace />} />
                <Route path="/sso/callback" element={<Navigate to="/" replace />} />
                <Route path="*" element={<Result status="404" title={t('common.notFound')} />} />
              </Routes>
            </Suspense>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}

export default function Shell() {
  const { t } = useTranslation();
  const { data, error, reload } = useQuery(MeDocument);
  useEffect(() => {
    // A token without a staff member behind it (partner app, dev token) cannot use the console.
    if (data && !data.me) void signOut();
  }, [data]);
  if (error)
    return (
      <Alert
        type="error"
        title={t('common.error', { message: error.message })}
        action={<Button onClick={reload}>{t('common.retry')}</Button>}
      />
    );
  if (!data?.me) return <Spin fullscreen aria-label={t('common.loading')} />;
  return (
    <MeContext.Provider value={data.me}>
      <Frame me={data.me} />
    </MeContext.Provider>
  );
}
