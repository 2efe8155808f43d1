/**
 * The shell: locale, session, the navigation the user's abilities allow (a side menu that collapses
 * on a phone), the demo banner on every page, and the page of the route (routes.tsx).
 */
import { Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, ConfigProvider, Dropdown, Grid, Layout, Menu, Select, Tooltip } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import { LoginOutlined, LogoutOutlined, MenuOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useApi } from './api';
import { DICT, HTML_LANG, LangContext, OTHER_LANG, storedLang, storeLang, useLang, useT, word, type Lang } from './i18n';
import { useNavHint } from './nav';
import { Link, match, navigate, useLocation, type RouteDef } from './router';
import { NAV, NotFound, ROUTES } from './routes';
import { can, SessionProvider, useSession } from './session';
import { ROLE } from '../../src/core/labels';
import { THEME } from './theme';
import type { PlanSummary } from './types';
import { Forbidden, Loading } from './components/common';

function navKey(pathname: string): string {
  if (pathname === '/' || match('/plans/:plan', pathname)) return 'cockpit';
  if (pathname.startsWith('/users')) return 'users';
  if (pathname.startsWith('/projects/')) return 'projects';
  const m = /^\/plans\/[^/]+\/([^/]+)/.exec(pathname);
  const seg = m?.[1];
  if (seg === 'indicators') return 'table';
  if (seg === 'text') return 'reader';
  if (seg === 'task-targets') return 'tasks';
  if (seg === 'annual-plan') return 'annual';
  return seg ?? '';
}

/** Another plan keeps the page when it is one of a plan's lists: 主要指标表 of one plan → of the other. */
function samePageOf(pathname: string, plan: string): string {
  if (pathname.startsWith('/projects/')) return `/plans/${plan}/projects`;
  const seg = /^\/plans\/[^/]+\/([^/]+)/.exec(pathname)?.[1];
  return seg ? `/plans/${plan}/${seg}` : `/plans/${plan}`;
}

/** A working page asked for without signing in: to the login page, and back after it. */
function ToLogin({ next }: { next: string }): ReactNode {
  useEffect(() => navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true }), [next]);
  return <Loading />;
}

function DemoBanner(): ReactNode {
  const t = useT();
  return (
    <Alert
      className="pw-demo-banner"
      data-testid="demo-banner"
      type="warning"
      banner
      showIcon
      message={<strong>{DICT.zh.demoBanner}</strong>}
      description={t('demoBannerDetail')}
    />
  );
}

function Shell(): ReactNode {
  const t = useT();
  const lang = useLang();
  const { setLang } = useContext(LangContext);
  const session = useSession();
  const { pathname, query } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [menuOpen, setMenuOpen] = useState(false);
  const hint = useNavHint();
  const activeKey = hint?.path === pathname ? hint.key : navKey(pathname);
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const defaultPlan = plans.data?.find((p) => p.isDefault)?.id ?? plans.data?.[0]?.id ?? 'xiuzhou-14th';

  let found: { route: RouteDef; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    const params = match(route.pattern, pathname);
    if (params) {
      found = { route, params };
      break;
    }
  }
  const plan = found?.params.plan ?? defaultPlan;

  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
  }, [lang]);

  const items = NAV.filter((n) => !n.can || can(session, n.can)).map((n) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.to(plan)} data-nav={n.key}>
        {t(n.label)}
      </Link>
    ),
  }));

  let content: ReactNode;
  if (!session.ready) content = <Loading />;
  else if (!found) content = <NotFound />;
  else if (found.route.can && !can(session, found.route.can)) {
    if (!session.user) content = <ToLogin next={pathname + location.search} />;
    else content = <Forbidden message={t('roleCannotOpen')} />;
  } else {
    const Page = found.route.page;
    content = <Page key={found.route.pattern} params={found.params} query={query} plan={plan} />;
  }

  const current = NAV.find((n) => n.key === activeKey);
  useEffect(() => {
    document.title = `${current ? `${t(current.label)} · ` : ''}Planwatch ${DICT[lang].appName}`;
  }, [current, lang, t]);

  const planSelect = plans.data && plans.data.length > 1 && (
    <Select
      aria-label={t('plan')}
      value={plan}
      style={{ width: narrow ? '100%' : 210 }}
      onChange={(id: string) => navigate(samePageOf(pathname, id))}
      options={plans.data.map((p) => ({ value: p.id, label: p.shortTitle }))}
    />
  );

  const menu = (
    <nav aria-label={t('nav_menu')}>
      <Menu mode="inline" selectedKeys={[activeKey]} items={items} style={{ borderInlineEnd: 0 }} />
    </nav>
  );

  const userMenu = session.user ? (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: `${session.user.displayName}（${word(ROLE, session.user.role, lang)}）` },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: t('logout'),
            onClick: () => void session.logout().then(() => navigate('/')),
          },
        ],
      }}
    >
      <Button icon={<UserOutlined />} data-testid="user-menu" aria-label={`${t('signedInAs')} ${session.user.displayName}`}>
        {narrow ? null : session.user.displayName}
      </Button>
    </Dropdown>
  ) : (
    <Button icon={<LoginOutlined />} onClick={() => navigate('/login')} data-testid="login-button">
      {narrow ? null : t('login')}
    </Button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="pw-skip">
        {t('skipToContent')}
      </a>
      <Layout.Header className="pw-header">
        {narrow && (
          <Button
            type="text"
            className="pw-menu-button"
            icon={<MenuOutlined />}
            aria-label={t('nav_menu')}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((o) => !o)}
          />
        )}
        <Link to="/" className="pw-brand">
          <span className="pw-logo" aria-hidden="true">
            规
          </span>
          <span className="pw-brand-text">{narrow ? t('appShort') : `${t('appShort')} ${t('appName')}`}</span>
        </Link>
        <div className="pw-header-tools">
          {!narrow && planSelect}
          <Tooltip title={t('switchLanguage')}>
            <Button icon={<TranslationOutlined />} onClick={() => setLang(OTHER_LANG[lang])} data-testid="lang-switch">
              {t('language')}
            </Button>
          </Tooltip>
          {userMenu}
        </div>
      </Layout.Header>
      <Layout>
        {narrow ? (
          menuOpen && (
            <div className="pw-mobile-menu" data-testid="mobile-menu">
              {planSelect && <div style={{ padding: '10px 16px 0' }}>{planSelect}</div>}
              {menu}
            </div>
          )
        ) : (
          <Layout.Sider width={200} theme="light" className="pw-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="pw-content">
          {session.demo && <DemoBanner />}
          <main id="main" tabIndex={-1}>
            <Suspense fallback={<Loading />}>{content}</Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function Root(): ReactNode {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [enUS, setEnUS] = useState<Locale | null>(null);
  useEffect(() => {
    if (lang === 'en' && !enUS) void import('antd/es/locale/en_US').then((m) => setEnUS(m.default));
  }, [lang, enUS]);
  const langState = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        storeLang(l);
        setLangState(l);
      },
    }),
    [lang],
  );
  return (
    <LangContext.Provider value={langState}>
      <ConfigProvider locale={lang === 'en' && enUS ? enUS : zhCN} theme={THEME}>
        <AntApp>
          <SessionProvider>
            <Shell />
          </SessionProvider>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
