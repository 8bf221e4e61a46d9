import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { PackingSlipService } from '../services/packing-slip.service';

@ObjectType({ description: "A supplier order's packing slip, a PDF to print and put in the parcel." })
export class PackingSlip {
  @Field(() => String, { description: 'A file name for the download, e.g. packing-slip-12.pdf.' })
  fileName!: string;

  @Field(() => String, { description: 'The PDF (A4), base64.' })
  contentBase64!: string;
}

@Resolver()
export class PackingSlipResolver {
  @Query(() => PackingSlip, {
    description:
      'The packing slip of one of your supplier orders as a PDF: recipient, address and the goods lines with units to pack (supplier SHIP_ORDERS; platform MANAGE_SUPPLIERS). Another supplier’s order is NOT_FOUND.',
  })
  supplierOrderPackingSlip(
    @Arg('supplierOrderId', () => ID) supplierOrderId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PackingSlip> {
    return new PackingSlipService(ctx.em, ctx.principal).packingSlip(supplierOrderId);
  }
}
