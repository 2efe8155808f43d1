/**
 * The app's pages: each route with the action a user must be able to do to open it, and the menu,
 * each entry with the action that shows it (actions of src/server/permissions.ts; the session says
 * which the user may do). A new page adds one route and, if it has one, one menu entry here; its
 * code is loaded only when it is first visited.
 */
import { lazy, type ReactNode } from 'react';
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EditOutlined,
  FileAddOutlined,
  FileWordOutlined,
  InboxOutlined,
  ReadOutlined,
  ScheduleOutlined,
  TeamOutlined,
  ContactsOutlined,
} from '@ant-design/icons';
import type { DictKey } from './i18n';
import type { RouteDef } from './router';
import type { Action } from './types';

const Cockpit = lazy(() => import('./pages/cockpit'));
const IndicatorTable = lazy(() => import('./pages/indicators'));
const IndicatorPage = lazy(() => import('./pages/indicator'));
const TaskTargets = lazy(() => import('./pages/task-targets'));
const AnnualPlan = lazy(() => import('./pages/annual-plan'));
const PlanReader = lazy(() => import('./pages/plan-text'));
const Login = lazy(() => import('./pages/login'));
const Inbox = lazy(() => import('./pages/inbox'));
const ValueEntry = lazy(() => import('./pages/value-entry'));
const ReviewQueue = lazy(() => import('./pages/review'));
const Users = lazy(() => import('./pages/users'));
const Contacts = lazy(() => import('./pages/contacts'));
const ReportingCalendar = lazy(() => import('./pages/calendar'));
const Import = lazy(() => import('./pages/import'));
const ProjectList = lazy(() => import('./pages/projects'));
const ProjectPage = lazy(() => import('./pages/project'));
const Reports = lazy(() => import('./pages/reports'));
const Supervision = lazy(() => import('./pages/supervision'));
const Intake = lazy(() => import('./pages/intake'));
const Towns = lazy(() => import('./pages/towns'));
const Rollup = lazy(() => import('./pages/rollup'));
const Periods = lazy(() => import('./pages/rollup/periods'));
export const NotFound = lazy(() => import('./pages/not-found'));

export const ROUTES: RouteDef[] = [
  { pattern: '/', page: Cockpit },
  { pattern: '/plans/:plan', page: Cockpit },
  { pattern: '/plans/:plan/indicators', page: IndicatorTable },
  { pattern: '/plans/:plan/indicators/:id', page: IndicatorPage },
  { pattern: '/plans/:plan/indicators/:id/periods', page: Periods },
  { pattern: '/plans/:plan/rollup', page: Rollup },
  { pattern: '/plans/:plan/task-targets', page: TaskTargets },
  { pattern: '/plans/:plan/annual-plan', page: AnnualPlan },
  { pattern: '/plans/:plan/text', page: PlanReader },
  { pattern: '/plans/:plan/projects', page: ProjectList },
  { pattern: '/plans/:plan/towns', page: Towns },
  { pattern: '/projects/:id', page: ProjectPage },
  // Word reports with their progress (the jobs the page follows).
  { pattern: '/plans/:plan/reports', page: Reports, can: 'job.read' },
  { pattern: '/login', page: Login },
  { pattern: '/plans/:plan/inbox', page: Inbox, can: 'overdue.read' },
  { pattern: '/plans/:plan/entry', page: ValueEntry, can: 'value.submit' },
  { pattern: '/plans/:plan/review', page: ReviewQueue, can: 'value.review' },
  { pattern: '/users', page: Users, can: 'user.manage' },
  { pattern: '/contacts', page: Contacts, can: 'notification.manage' },
  { pattern: '/plans/:plan/calendar', page: ReportingCalendar, can: 'calendar.read' },
  { pattern: '/plans/:plan/import', page: Import, can: 'import.allUnits' },
  { pattern: '/plans/:plan/supervision', page: Supervision, can: 'supervision.read' },
  { pattern: '/intake', page: Intake, can: 'planDraft.manage' },
  { pattern: '/intake/:id', page: Intake, can: 'planDraft.manage' },
];

export interface NavItem {
  /** Also the `data-nav` of its link; by default the path segment after /plans/:plan/ (see App.tsx). */
  key: string;
  label: DictKey;
  to: (plan: string) => string;
  icon: ReactNode;
  /** The action that shows the entry; none: shown to everyone. */
  can?: Action;
}

export const NAV: NavItem[] = [
  { key: 'cockpit', label: 'nav_cockpit', to: (p) => `/plans/${p}`, icon: <DashboardOutlined /> },
  { key: 'table', label: 'nav_table', to: (p) => `/plans/${p}/indicators`, icon: <BarChartOutlined /> },
  { key: 'tasks', label: 'nav_tasks', to: (p) => `/plans/${p}/task-targets`, icon: <AimOutlined /> },
  { key: 'annual', label: 'nav_annual', to: (p) => `/plans/${p}/annual-plan`, icon: <ScheduleOutlined /> },
  { key: 'reader', label: 'nav_reader', to: (p) => `/plans/${p}/text`, icon: <ReadOutlined /> },
  { key: 'rollup', label: 'nav_rollup', to: (p) => `/plans/${p}/rollup`, icon: <ClusterOutlined /> },
  { key: 'projects', label: 'nav_projects', to: (p) => `/plans/${p}/projects`, icon: <ApartmentOutlined /> },
  { key: 'towns', label: 'nav_towns', to: (p) => `/plans/${p}/towns`, icon: <ClusterOutlined /> },
  { key: 'reports', label: 'nav_reports', to: (p) => `/plans/${p}/reports`, icon: <FileWordOutlined />, can: 'job.read' },
  // The to-do list is for those who report values; a leader may open it but has nothing to do there.
  { key: 'inbox', label: 'nav_inbox', to: (p) => `/plans/${p}/inbox`, icon: <InboxOutlined />, can: 'value.submit' },
  { key: 'entry', label: 'nav_entry', to: (p) => `/plans/${p}/entry`, icon: <EditOutlined />, can: 'value.submit' },
  { key: 'supervision', label: 'nav_supervision', to: (p) => `/plans/${p}/supervision`, icon: <AlertOutlined />, can: 'supervision.read' },
  { key: 'review', label: 'nav_review', to: (p) => `/plans/${p}/review`, icon: <AuditOutlined />, can: 'value.review' },
  { key: 'calendar', label: 'nav_calendar', to: (p) => `/plans/${p}/calendar`, icon: <CalendarOutlined />, can: 'calendar.overview' },
  { key: 'users', label: 'nav_users', to: () => '/users', icon: <TeamOutlined />, can: 'user.manage' },
  { key: 'contacts', label: 'nav_contacts', to: () => '/contacts', icon: <ContactsOutlined />, can: 'notification.manage' },
  { key: 'import', label: 'nav_import', to: (p) => `/plans/${p}/import`, icon: <CloudUploadOutlined />, can: 'import.allUnits' },
  { key: 'intake', label: 'nav_intake', to: () => '/intake', icon: <FileAddOutlined />, can: 'planDraft.manage' },
];
