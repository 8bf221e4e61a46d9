/**
 * A supplier order's packing slip as a PDF (A4, CJK font), for the supplier to print and put in the
 * parcel: the order, the recipient and address, and each physical line with its units to pack
 * (ordered less cancelled or refunded). Made on the server so every console prints the same page.
 */
import type { SqlEntityManager } from '@mikro-orm/knex';
import { notFound } from '../../../core/errors';
import { lazyModule } from '../../../core/lazy-module';
import {
  requireRoleAndPermission,
  supplierScopeOf,
  SUPPLIER_ROLES_OR_PLATFORM,
  type Principal,
  type StaffPermissions,
} from '../../../core/identity';
import { Order } from '../entities/order';
import { LineKind, OrderLine } from '../entities/order-line';
import { SupplierOrder } from '../entities/supplier-order';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (core/lazy-module.ts)
const pdfkit = lazyModule(() => require('pdfkit') as typeof import('pdfkit'));

/** Shipping (and so the address on the slip): the supplier's SHIP_ORDERS, the platform's MANAGE_SUPPLIERS. */
const SHIPPING: StaffPermissions = { supplier: 'SHIP_ORDERS', platform: 'MANAGE_SUPPLIERS' };
/** Debian's fonts-wqy-microhei (the console tests need it too); PERKMALL_PDF_CJK_FONT overrides. */
const CJK_FONT = process.env.PERKMALL_PDF_CJK_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** A supplier order has a bounded number of lines (checkout caps them); the slip lists at most this many. */
const MAX_LINES = 200;

export interface PackingSlip {
  fileName: string;
  contentBase64: string;
}

export class PackingSlipService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly principal: Principal,
  ) {}

  async packingSlip(supplierOrderId: string): Promise<PackingSlip> {
    requireRoleAndPermission(
      this.principal,
      SUPPLIER_ROLES_OR_PLATFORM,
      SHIPPING,
      'A supplier prints the packing slips of its own orders; the platform any',
    );
    const id = /^[1-9][0-9]{0,15}$/.test(supplierOrderId) ? Number(supplierOrderId) : null;
    const so = id === null ? null : await this.em.findOne(SupplierOrder, { id });
    const scope = supplierScopeOf(this.principal);
    // Another supplier's order is NOT_FOUND, like a missing one.
    if (!so || (scope !== null && scope !== String(so.supplierId))) throw notFound('SupplierOrder', supplierOrderId);
    const [order, lines] = await Promise.all([
      this.em.findOneOrFail(Order, { id: so.orderId }),
      this.em.find(OrderLine, { supplierOrderId: so.id }, { orderBy: { id: 'ASC' }, limit: MAX_LINES }),
    ]);
    const goods = lines.filter((l) => l.kind === LineKind.PHYSICAL);
    const pdf = await render(so, order, goods);
    return { fileName: `packing-slip-${so.id}.pdf`, contentBase64: pdf.toString('base64') };
  }
}

function render(so: SupplierOrder, order: Order, lines: OrderLine[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new (pdfkit())({ size: 'A4', margin: 48, info: { Title: `装箱单 Packing slip ${so.id}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', CJK_FONT, 'WenQuanYiMicroHei');
    doc.font('cjk');
    doc.fontSize(20).text('装箱单 Packing slip');
    doc.moveDown(0.5).fontSize(11);
    doc.text(`供应商订单 Supplier order: ${so.id}    订单 Order: ${order.id}`);
    doc.text(`下单时间 Placed: ${order.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    const a = order.shippingAddress;
    if (a) {
      doc.moveDown(0.5).fontSize(12).text('收货人 Ship to');
      doc.fontSize(11).text(`${a.recipient}  ${a.phone}`);
      doc.text(`${a.province} ${a.city} ${a.district} ${a.detail}${a.postalCode ? `  ${a.postalCode}` : ''}`);
    }
    doc.moveDown(1).fontSize(12);
    const top = doc.y;
    const cols = [48, 110, 430, 490];
    doc
      .text('#', cols[0], top)
      .text('商品 Item', cols[1], top)
      .text('SKU', cols[2], top)
      .text('件数 Qty', cols[3], top);
    doc
      .moveTo(48, doc.y + 2)
      .lineTo(547, doc.y + 2)
      .stroke();
    doc.fontSize(10);
    lines.forEach((l, i) => {
      const units = l.quantity - l.refundedQuantity;
      const y = doc.y + 6;
      doc.text(String(i + 1), cols[0], y);
      doc.text(l.title, cols[1], y, { width: 310 });
      const after = doc.y;
      doc.text(String(l.skuId), cols[2], y).text(String(units), cols[3], y);
      doc.y = Math.max(after, doc.y);
    });
    doc.moveDown(2).fontSize(10).text('拣货核对 Picked by: ________    复核 Checked by: ________', 48);
    doc.end();
  });
}
