/**
 * Every page of the console: its address under /console, its menu entry and who may see it.
 * A page is loaded with import() when first opened, so the initial bundle holds only the shell and
 * sign-in. To add a page, add a file under pages/ and one entry here (console/README.md).
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  CarOutlined,
  CreditCardOutlined,
  DatabaseOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  CrownOutlined,
  DashboardOutlined,
  DotChartOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  PercentageOutlined,
  ExceptionOutlined,
  FundOutlined,
  GiftOutlined,
  ReconciliationOutlined,
  RocketOutlined,
  RollbackOutlined,
  SendOutlined,
  TagsOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  TruckOutlined,
  IdcardOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { StaffPermission, StaffRole } from './gql/graphql';

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
  /** And one of these roles, where the API asks for a role as well as the permission. */
  onlyFor?: StaffRole[];
  component: LazyExoticComponent<ComponentType>;
}

/** In the order of an operator's day: the figures, the goods, the campaigns, the customers, then the inboxes. */
export const PAGES: ConsolePage[] = [
  {
    key: 'dashboard',
    path: '',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    component: lazy(() => import('./pages/Dashboard')),
  },
  {
    key: 'points-liability',
    path: 'points-liability',
    label: 'pointsLiability.nav',
    icon: <FundOutlined />,
    // pointsLiability: bank staff with SEE_REPORTS (their own bank), the platform with SEE_REPORTS (any bank).
    needsAnyOf: ['SEE_REPORTS'],
    onlyFor: ['BANK_ADMIN', 'BANK_OPERATOR', 'PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/PointsLiability')),
  },
  {
    key: 'curation',
    path: 'curation',
    label: 'curation.nav',
    icon: <ShopOutlined />,
    needsAnyOf: ['CURATE_LISTINGS'],
    component: lazy(() => import('./pages/Curation')),
  },
  {
    key: 'campaigns',
    path: 'campaigns',
    label: 'campaigns.nav',
    icon: <RocketOutlined />,
    // Festival campaigns: from a template to scheduled, and their live figures.
    needsAnyOf: ['RUN_CAMPAIGNS'],
    component: lazy(() => import('./pages/Campaigns')),
  },
  {
    key: 'benefits',
    path: 'benefits',
    label: 'benefits.nav',
    icon: <GiftOutlined />,
    // Benefit rules per tier and segment: the campaign permission, as the API wants.
    needsAnyOf: ['RUN_CAMPAIGNS'],
    component: lazy(() => import('./pages/BenefitRules')),
  },
  {
    key: 'vouchers',
    path: 'vouchers',
    label: 'vouchers.nav',
    icon: <TagsOutlined />,
    // issueVoucher and stopVoucher want the campaign permission, as benefit rules do.
    needsAnyOf: ['RUN_CAMPAIGNS'],
    component: lazy(() => import('./pages/Vouchers')),
  },
  {
    key: 'customers',
    path: 'customers',
    label: 'customers.nav',
    icon: <UserOutlined />,
    // Staff who serve customers, see their data or adjust their points (the API checks each part).
    needsAnyOf: ['ADJUST_POINTS', 'SEE_CUSTOMER_DATA', 'SERVE_CUSTOMERS'],
    component: lazy(() => import('./pages/Customers')),
  },
  {
    key: 'tiers',
    path: 'tiers',
    label: 'tiers.nav',
    icon: <CrownOutlined />,
    // The tier ladder needs MANAGE_BANK_SETTINGS (createTier…), segments RUN_CAMPAIGNS (createSegment…).
    needsAnyOf: ['MANAGE_BANK_SETTINGS', 'RUN_CAMPAIGNS'],
    component: lazy(() => import('./pages/TiersSegments')),
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
    key: 'returns',
    path: 'returns',
    label: 'returns.nav',
    icon: <RollbackOutlined />,
    // decideReturn: the supplier's HANDLE_AFTERSALES or the bank's SERVE_CUSTOMERS; inspectReturn: the supplier's.
    needsAnyOf: ['HANDLE_AFTERSALES', 'SERVE_CUSTOMERS'],
    component: lazy(() => import('./pages/Returns')),
  },
  {
    key: 'supplier-orders',
    path: 'supplier-orders',
    label: 'supplierOrders.nav',
    icon: <ExceptionOutlined />,
    // cancelSupplierOrderLines refunds the customer: the supplier's HANDLE_AFTERSALES, as the API wants
    // (the platform may too, but lists a supplier's orders only through that supplier).
    needsAnyOf: ['HANDLE_AFTERSALES'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/OrdersToFill')),
  },
  {
    key: 'supplier-products',
    path: 'supplier-products',
    label: 'supplierProducts.nav',
    icon: <AppstoreOutlined />,
    // createProduct/updateProduct/createSku/updateSku: the supplier's MANAGE_CATALOG.
    needsAnyOf: ['MANAGE_CATALOG'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/Products')),
  },
  {
    key: 'product-import',
    path: 'product-import',
    label: 'productImport.nav',
    icon: <CloudUploadOutlined />,
    // bulkUpsertSkus: the supplier's MANAGE_CATALOG.
    needsAnyOf: ['MANAGE_CATALOG'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/ProductImport')),
  },
  {
    key: 'stock',
    path: 'stock',
    label: 'stock.nav',
    icon: <DatabaseOutlined />,
    // adjustStock: the supplier's MANAGE_STOCK.
    needsAnyOf: ['MANAGE_STOCK'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/Stock')),
  },
  {
    key: 'card-pools',
    path: 'card-pools',
    label: 'cardPools.nav',
    icon: <CreditCardOutlined />,
    // uploadCodes: the supplier's MANAGE_STOCK.
    needsAnyOf: ['MANAGE_STOCK'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/CardPools')),
  },
  {
    key: 'shipping',
    path: 'shipping',
    label: 'shipping.nav',
    icon: <CarOutlined />,
    // shipSupplierOrder and supplierOrderPackingSlip: the supplier's SHIP_ORDERS.
    needsAnyOf: ['SHIP_ORDERS'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF'],
    component: lazy(() => import('./pages/supplier/Shipping')),
  },
  {
    key: 'scorecard',
    path: 'scorecard',
    label: 'scorecard.nav',
    icon: <BarChartOutlined />,
    // supplierScorecard: the supplier's SEE_SETTLEMENT or the platform's SEE_REPORTS; banks cannot ask.
    needsAnyOf: ['SEE_SETTLEMENT', 'SEE_REPORTS'],
    onlyFor: ['SUPPLIER_ADMIN', 'SUPPLIER_STAFF', 'PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/supplier/Scorecard')),
  },
  {
    key: 'reconciliation',
    path: 'reconciliation',
    label: 'reconciliation.nav',
    icon: <ReconciliationOutlined />,
    // reconcileSupplierBill: the supplier's SEE_SETTLEMENT (the platform's MANAGE_SETTLEMENT); the runs: the bank's
    // SEE_REPORTS or PAY_SUPPLIERS, the platform's SEE_REPORTS or MANAGE_SETTLEMENT.
    needsAnyOf: ['SEE_SETTLEMENT', 'SEE_REPORTS', 'PAY_SUPPLIERS', 'MANAGE_SETTLEMENT'],
    component: lazy(() => import('./pages/settlement/Reconciliation')),
  },
  {
    key: 'invoices',
    path: 'invoices',
    label: 'invoices.nav',
    icon: <FileDoneOutlined />,
    // Suppliers record invoices (SEE_SETTLEMENT); banks see what they may reimburse (PAY_SUPPLIERS or
    // SEE_REPORTS); the platform checks flagged ones (MANAGE_SETTLEMENT; SEE_REPORTS reads).
    needsAnyOf: ['SEE_SETTLEMENT', 'PAY_SUPPLIERS', 'SEE_REPORTS', 'MANAGE_SETTLEMENT'],
    component: lazy(() => import('./pages/settlement/Invoices')),
  },
  {
    key: 'statements',
    path: 'statements',
    label: 'statements.nav',
    icon: <AccountBookOutlined />,
    // Statements: a bank reads them with SEE_REPORTS or pays them with PAY_SUPPLIERS; a supplier confirms
    // or disputes with SEE_SETTLEMENT; the platform reads with SEE_REPORTS and runs them with MANAGE_SETTLEMENT.
    needsAnyOf: ['PAY_SUPPLIERS', 'SEE_REPORTS', 'SEE_SETTLEMENT', 'MANAGE_SETTLEMENT'],
    component: lazy(() => import('./pages/settlement/Statements')),
  },
  {
    key: 'return-windows',
    path: 'return-windows',
    label: 'returnWindows.nav',
    icon: <FieldTimeOutlined />,
    // setCategoryReturnPolicy: the platform's MANAGE_SUPPLIERS.
    needsAnyOf: ['MANAGE_SUPPLIERS'],
    component: lazy(() => import('./pages/platform/ReturnWindows')),
  },
  {
    key: 'commission-rates',
    path: 'commission-rates',
    label: 'commission.nav',
    icon: <PercentageOutlined />,
    // setCommissionRate / endCommissionRate / commissionRates: the platform's MANAGE_SETTLEMENT.
    needsAnyOf: ['MANAGE_SETTLEMENT'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/settlement/CommissionRates')),
  },
  {
    key: 'advance-payment',
    path: 'advance-payment',
    label: 'advance.nav',
    icon: <BankOutlined />,
    // setAdvancePaymentTerms / releaseHeldAdvancePayouts: the platform's MANAGE_SETTLEMENT.
    needsAnyOf: ['MANAGE_SETTLEMENT'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/settlement/AdvancePayment')),
  },
  {
    key: 'marketplace',
    path: 'marketplace',
    label: 'marketplace.nav',
    icon: <DotChartOutlined />,
    // marketplaceSales (orders) and poolHealth (catalog): the platform's SEE_REPORTS; banks and suppliers are refused.
    needsAnyOf: ['SEE_REPORTS'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/platform/MarketplaceDashboard')),
  },
  {
    key: 'banks',
    path: 'banks',
    label: 'banks.nav',
    icon: <BankOutlined />,
    // banks, createBank, updateBank: the platform's MANAGE_TENANTS (createMall/updateMall take it from the platform too).
    needsAnyOf: ['MANAGE_TENANTS'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/platform/Banks')),
  },
  {
    key: 'supplier-applications',
    path: 'supplier-applications',
    label: 'supplierApplications.nav',
    icon: <SolutionOutlined />,
    // approve/reject applications and brand proposals, authorizeSupplierBrands, createBrand: the platform's MANAGE_SUPPLIERS.
    needsAnyOf: ['MANAGE_SUPPLIERS'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/platform/SupplierApplications')),
  },
  {
    key: 'categories',
    path: 'categories',
    label: 'categories.nav',
    icon: <ApartmentOutlined />,
    // createCategory: the platform's MANAGE_SUPPLIERS.
    needsAnyOf: ['MANAGE_SUPPLIERS'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/platform/Categories')),
  },
  {
    key: 'carriers',
    path: 'carriers',
    label: 'carriers.nav',
    icon: <TruckOutlined />,
    // carriers(includeInactive), registerCarrier, updateCarrier, rotateCarrierSecret: the platform's MANAGE_CARRIERS.
    needsAnyOf: ['MANAGE_CARRIERS'],
    onlyFor: ['PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/platform/Carriers')),
  },
  {
    key: 'partner-apps',
    path: 'partner-apps',
    label: 'partnerApps.nav',
    icon: <ApiOutlined />,
    // partnerApps and its mutations want MANAGE_PARTNER_APPS of a bank admin (the platform: any bank).
    needsAnyOf: ['MANAGE_PARTNER_APPS'],
    onlyFor: ['BANK_ADMIN', 'PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/PartnerApps')),
  },
  {
    key: 'webhooks',
    path: 'webhooks',
    label: 'webhooks.nav',
    icon: <SendOutlined />,
    // Webhook endpoints are the bank's integration credentials: MANAGE_PARTNER_APPS of a bank admin, as the API wants.
    needsAnyOf: ['MANAGE_PARTNER_APPS'],
    onlyFor: ['BANK_ADMIN', 'PLATFORM_ADMIN', 'PLATFORM_STAFF'],
    component: lazy(() => import('./pages/Webhooks')),
  },
  {
    key: 'bank-event-files',
    path: 'bank-event-files',
    label: 'bankEventFiles.nav',
    icon: <CloudUploadOutlined />,
    // createBankEventFile and the files' reports want ADJUST_POINTS of a bank admin, as recordBankEvent does.
    needsAnyOf: ['ADJUST_POINTS'],
    onlyFor: ['BANK_ADMIN'],
    component: lazy(() => import('./pages/BankEventFiles')),
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
    key: 'staff',
    path: 'staff',
    label: 'staff.nav',
    icon: <TeamOutlined />,
    // staffMembers, inviteStaff, setStaffMemberPermissionGroups, the resets and removeStaffMember: MANAGE_STAFF.
    needsAnyOf: ['MANAGE_STAFF'],
    component: lazy(() => import('./pages/Staff')),
  },
  {
    key: 'account',
    path: 'account',
    label: 'account.nav',
    icon: <IdcardOutlined />,
    // One's own password and recovery codes: everyone signed in.
    component: lazy(() => import('./pages/MyAccount')),
  },
];

export function pagesFor(me: { role: StaffRole; permissions: readonly StaffPermission[] }): ConsolePage[] {
  return PAGES.filter(
    (p) =>
      (!p.needsAnyOf || p.needsAnyOf.some((needed) => me.permissions.includes(needed))) &&
      (!p.onlyFor || p.onlyFor.includes(me.role)),
  );
}
