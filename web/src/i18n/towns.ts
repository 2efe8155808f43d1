/** Words of the 镇街数值 page (pages/towns). */
export const zh = {
  nav_towns: '镇街数值',
  townsTitle: '镇街指标数值',
  townsHint: '各镇（街道）报送的本单位数值；镇街数值不代替全区数值。可加总的指标，全部镇街报送后系统计算全区合计（标明「镇街合计」）。',
  townsAddsUp: '可加总',
  townsNotAdditive: '不可加总（比率、人均等）',
  townsNoValues: '尚无镇街报送的数值',
  townsIndicator: '指标',
  townsAssigned: '已分配镇街',
} as const;

export const en: Record<keyof typeof zh, string> = {
  nav_towns: 'Town figures',
  townsTitle: 'Figures by town',
  townsHint:
    'Each town’s own figures; a town’s figure never stands for the district’s. Where an indicator adds up, the district total is computed once every assigned town has reported (labelled as a sum of towns).',
  townsAddsUp: 'Adds up',
  townsNotAdditive: 'Does not add up (a rate, per head …)',
  townsNoValues: 'No town has reported yet',
  townsIndicator: 'Indicator',
  townsAssigned: 'Assigned towns',
};
