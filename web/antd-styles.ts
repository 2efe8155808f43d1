/**
 * The Ant Design styles of the shell and the cockpit's first screen, made at build time: Ant Design
 * writes each component's CSS in the browser the first time it renders (CSS-in-JS), which was about
 * a fifth of the cockpit's first load. Rendered here once with the app's theme (src/theme.ts) and
 * extracted with @ant-design/cssinjs's `extractStyle`, the CSS ships as a file with the cache map
 * that tells Ant Design those styles are there, so it skips writing them (its documented static
 * extraction; components not listed still write their styles when they first render).
 */
import { createRequire } from 'node:module';
import type * as Antd from 'antd';
import type * as CssInJs from '@ant-design/cssinjs';
import type * as React from 'react';
import type * as ReactDomServer from 'react-dom/server';
import { THEME } from './src/theme';

const require = createRequire(import.meta.url);

export function antdFirstScreenCss(): string {
  // The production build's class hashes, as the bundle has them.
  process.env.NODE_ENV = 'production';
  const { createElement: h } = require('react') as typeof React;
  const { renderToString } = require('react-dom/server') as typeof ReactDomServer;
  const { createCache, extractStyle, StyleProvider } = require('@ant-design/cssinjs') as typeof CssInJs;
  const antd = require('antd') as typeof Antd;
  const zhCN = (require('antd/lib/locale/zh_CN') as { default: Antd.ConfigProviderProps['locale'] }).default;
  const {
    Alert,
    App,
    Button,
    Card,
    Col,
    ConfigProvider,
    Empty,
    Layout,
    Menu,
    Popover,
    Row,
    Segmented,
    Select,
    Space,
    Spin,
    Tag,
    Tooltip,
    Typography,
  } = antd;
  const cache = createCache();
  // What the shell (App.tsx) and the cockpit (pages/cockpit) render on a first load.
  const parts = h(
    Layout,
    null,
    h(
      Layout.Header,
      null,
      h(Button, null, 'b'),
      h(Button, { type: 'text' }, 't'),
      h(Select, { options: [{ value: 1, label: 'a' }], value: 1 }),
    ),
    h(
      Layout,
      null,
      h(Layout.Sider, { theme: 'light' }, h(Menu, { mode: 'inline', items: [{ key: 'a', label: 'a' }], selectedKeys: ['a'] })),
    ),
    h(
      Layout.Content,
      null,
      h(Alert, { type: 'warning', banner: true, showIcon: true, message: 'm', description: 'd' }),
      h(Spin),
      h(Typography.Title, { level: 2 }, 't'),
      h(Typography.Title, { level: 4 }, 't'),
      h(Typography.Text, null, 't'),
      h(Segmented, { options: ['a', 'b'] }),
      h(Card, { size: 'small', title: 't', extra: 'e' }, 'c'),
      h(Row, { gutter: [12, 12] }, h(Col, { xs: 24, sm: 12, xl: 6 }, 'c')),
      h(Space, { size: [4, 4], wrap: true }, h(Tag, { color: 'red' }, 't'), h(Tag, { color: 'blue' }, 't'), h(Tag, null, 't')),
      h(Tooltip, { title: 't' }, h('span', null, 't')),
      h(Popover, { content: 'c', title: 't' }, h('span', null, 't')),
      h(Empty, { image: Empty.PRESENTED_IMAGE_SIMPLE }),
    ),
  );
  renderToString(h(StyleProvider, { cache }, h(ConfigProvider, { theme: THEME, locale: zhCN }, h(App, null, parts))));
  return extractStyle(cache, true);
}
