/** Words of 报告与导出 (pages/reports). */
export const zh = {
  reportsTitle: '报告下载',
  annualReport: '年度监测报告',
  midtermReport: '中期评估报告',
  finalReport: '期末评估报告',
  indicatorExport: '主要指标表',
  downloadWord: '下载 Word',
  building: '正在生成',
  downloaded: '已下载',
} as const;

export const en: Record<keyof typeof zh, string> = {
  reportsTitle: 'Reports',
  annualReport: 'Annual monitoring report',
  midtermReport: 'Mid-term evaluation report',
  finalReport: 'End-of-period evaluation report',
  indicatorExport: 'Indicator table',
  downloadWord: 'Download Word',
  building: 'Building',
  downloaded: 'Downloaded',
};
