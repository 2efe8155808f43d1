/**
 * Everything a value can be reported for: the main indicators of table 2-1 and the task targets of
 * the plan's prose (任务目标), under one id space as the server keeps them. Lists name an indicator
 * by its number and name 「17. 空气质量优良天数比率」, a task target by its name alone.
 */
import { useMemo } from 'react';
import { enc, useApi } from './api';
import type { Indicator, TaskTarget } from './types';

export interface Target {
  id: string;
  name: string;
  unit: string;
  /** A task target of the prose rather than a row of the indicator table. */
  task: boolean;
  /** The target as written (「93以上」, 「[1847]」). */
  target?: string;
  /** `cumulative` for an amount over the period: each year's value is that year's addition. */
  targetKind: string;
  indicator?: Indicator;
  taskTarget?: TaskTarget;
}

export interface Targets {
  ready: boolean;
  error: Error | undefined;
  reload(): void;
  indicators: Target[];
  tasks: Target[];
  get(id: string): Target | undefined;
  /** 「17. 空气质量优良天数比率」 or 「新建新能源汽车充电桩」; the id while the lists load. */
  label(id: string): string;
}

export function fromIndicator(i: Indicator): Target {
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    task: false,
    target: i.target ?? i.growthTarget,
    targetKind: i.targetKind,
    indicator: i,
  };
}

export function fromTask(t: TaskTarget): Target {
  return { id: t.id, name: t.name, unit: t.unit, task: true, target: t.target, targetKind: t.targetKind, taskTarget: t };
}

export function labelOf(x: Target): string {
  return x.task ? x.name : `${x.id}. ${x.name}`;
}

export function useTargets(plan: string): Targets {
  const indicators = useApi<Indicator[]>(`/api/v1/plans/${enc(plan)}/indicators`);
  const tasks = useApi<TaskTarget[]>(`/api/v1/plans/${enc(plan)}/task-targets`);
  const { reload: reloadIndicators } = indicators;
  const { reload: reloadTasks } = tasks;
  return useMemo(() => {
    const ind = (indicators.data ?? []).map(fromIndicator);
    const tt = (tasks.data ?? []).map(fromTask);
    const byId = new Map([...ind, ...tt].map((x) => [x.id, x]));
    return {
      ready: !!indicators.data && !!tasks.data,
      error: indicators.error ?? tasks.error,
      reload: () => {
        reloadIndicators();
        reloadTasks();
      },
      indicators: ind,
      tasks: tt,
      get: (id) => byId.get(id),
      label: (id) => {
        const x = byId.get(id);
        return x ? labelOf(x) : id;
      },
    };
  }, [indicators.data, tasks.data, indicators.error, tasks.error, reloadIndicators, reloadTasks]);
}

/** The kind a value is reported in for a target of this kind: a growth target (「年均增长7%以上」) is met by each year's growth rate. */
export function defaultKind(targetKind: string | undefined): 'level' | 'growth_pct' {
  return targetKind === 'growth' ? 'growth_pct' : 'level';
}
