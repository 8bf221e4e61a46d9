import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import AntApp from 'antd/es/app';
import ConfigProvider from 'antd/es/config-provider';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import './i18n';
import { useSession } from './auth';
import { prefersReducedMotion } from './motion';
import Shell from './Shell';
import SignIn, { SsoCallback } from './SignIn';

// One-time staff links (invitation, password reset): their own chunk, opened rarely.
const CredentialLink = lazy(() => import('./CredentialLink'));

/**
 * Colours that pass WCAG AA (4.5:1) where Ant Design's defaults do not: its blue (#1677ff) under
 * white text, and its grey for hints and descriptions (45 % black) on white.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    // Danger buttons and error text: antd's #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Placeholders (filters without a value): antd's 25 % black is 1.6:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
    motion: !prefersReducedMotion,
  },
  components: {
    // An empty table's text is drawn in the disabled grey (25 % black, 1.6:1): every page's empty lists.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};

function Console() {
  const { i18n } = useTranslation();
  const session = useSession();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        {session ? (
          <Shell />
        ) : (
          <Routes>
            <Route path="/sso/callback" element={<SsoCallback />} />
            <Route
              path="/accept-invitation"
              element={
                <Suspense fallback={null}>
                  <CredentialLink kind="invitation" />
                </Suspense>
              }
            />
            <Route
              path="/reset-password"
              element={
                <Suspense fallback={null}>
                  <CredentialLink kind="reset" />
                </Suspense>
              }
            />
            <Route path="*" element={<SignIn />} />
          </Routes>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/console">
      <Console />
    </BrowserRouter>
  </StrictMode>,
);
