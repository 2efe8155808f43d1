/** The app's Ant Design theme: App.tsx's ConfigProvider, and the build's static styles (web/antd-styles.ts), which must match it. */
import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9c',
    borderRadius: 6,
    fontFamily: '-apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif',
  },
};
