/** Words of the 驾驶舱 (pages/cockpit). */
export const zh = {
  cockpitTitle: '实施监测驾驶舱',
  statusCounts: '各状态指标数量',
  attention: '重点关注',
  attentionHint: '约束性指标滞后（预警）列在最前',
  noWarnings: '没有滞后的约束性指标',
  noLagging: '没有滞后的指标',
  byCategoryAria: '按类别统计的指标状态堆叠条形图',
  headline: '核心指标',
  spatial: '空间布局：三区与镇街',
  spatialHint: '“三区三城三组团”：各区所辖镇、街道与平台',
  annualTarget: '年度目标',
  projectCategories: '项目类别',
  taskProgress: '任务目标进展',
  viewTasks: '查看全部任务目标',
} as const;

export const en: Record<keyof typeof zh, string> = {
  cockpitTitle: 'Implementation cockpit',
  statusCounts: 'Indicators by status',
  attention: 'Attention',
  attentionHint: 'Binding indicators that lag (warnings) come first',
  noWarnings: 'No binding indicator lags',
  noLagging: 'No indicator lags',
  byCategoryAria: 'Stacked bar chart of indicator status by category',
  headline: 'Headline indicators',
  spatial: 'Spatial layout: three zones and their towns',
  spatialHint: 'Towns, streets and platforms of each zone',
  annualTarget: 'Yearly-plan target',
  projectCategories: 'Categories',
  taskProgress: 'Task targets',
  viewTasks: 'All task targets',
};
