/**
 * Every page of the console: its address under /console, its menu entry and who may see it.
 * A page is loaded with import() when first opened, so the initial bundle holds only the shell and
 * sign-in. To add a page, add a file under pages/ and one entry here (console/README.md).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons';
import type { StaffPermission } from './gql/graphql';

export interface ConsolePage {
  /** Menu key and test id (`menu-<key>`). */
  key: string;
  /** Path below /console/ ('' is the landing page). */
  path: string;
  /** i18n key of the menu entry and page title. */
  label: string;
  icon: ReactNode;
  /** Shown to people holding any one of these; left out: everyone signed in. */
  needsAnyOf?: StaffPermission[];
  component: LazyExoticComponent<ComponentType>;
}

export const PAGES: ConsolePage[] = [
  {
    key: 'dashboard',
    path: '',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    component: lazy(() => import('./pages/Dashboard')),
  },
  {
    key: 'approvals',
    path: 'approvals',
    label: 'nav.approvals',
    icon: <CheckSquareOutlined />,
    // Bank staff who make or check the changes that wait for a second person.
    needsAnyOf: ['ADJUST_POINTS', 'CURATE_LISTINGS', 'RUN_CAMPAIGNS', 'MANAGE_PARTNER_APPS'],
    component: lazy(() => import('./pages/Approvals')),
  },
  {
    key: 'audit',
    path: 'audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    // Bank and supplier administrators read their organisation's entries; the platform reads all.
    needsAnyOf: ['MANAGE_STAFF', 'SEE_AUDIT'],
    component: lazy(() => import('./pages/AuditTrail')),
  },
  {
    key: 'orders',
    path: 'orders',
    label: 'orders.nav',
    icon: <ShoppingCartOutlined />,
    // Bank staff serving customers: they read the bank's orders and decide refunds (decideRefund checks SERVE_CUSTOMERS).
    needsAnyOf: ['SERVE_CUSTOMERS'],
    component: lazy(() => import('./pages/Orders')),
  },
  {
    key: 'partner-apps',
    path: 'partner-apps',
    label: 'partnerApps.nav',
    icon: <ApiOutlined />,
    // partnerApps and its mutations check MANAGE_PARTNER_APPS (bank admins; the platform for any bank).
    needsAnyOf: ['MANAGE_PARTNER_APPS'],
    component: lazy(() => import('./pages/PartnerApps')),
  },
];

export function pagesFor(permissions: readonly StaffPermission[]): ConsolePage[] {
  return PAGES.filter((p) => !p.needsAnyOf || p.needsAnyOf.some((needed) => permissions.includes(needed)));
}
