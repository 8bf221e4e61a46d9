import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { SubgraphContext } from '../../../core/subgraph';
import { ConnectionType, PageArgs } from '../../../core/pagination';
import { Text } from '../../../core/input-rules';
import { numericIds } from '../../../core/loaders';
import { SkuImport, SkuImportProblem } from '../entities/sku-import';
import { SkuImportService } from '../services/sku-import.service';

@InputType({
  description:
    'Start a bulk SKU import: a whole file (CSV in UTF-8 with or without BOM, or GBK; or XLSX; up to 3,000,000 bytes and 20,000 rows), or the good rows of a REFUSED import.',
})
export class StartSkuImportInput {
  @Field(() => String, {
    description:
      'Your key for this upload (8–64 printable ASCII, e.g. a UUID): starting again with it returns the same import.',
  })
  @Text({ max: 64 })
  clientKey!: string;

  @Field(() => ID, { nullable: true, description: 'The supplier (platform only; suppliers import into their own).' })
  supplierId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The file name (".xlsx" is read as a workbook, anything else as CSV).',
  })
  @Text({ max: 255 })
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: "The file's bytes, base64 (a data: URL prefix is accepted)." })
  @Text({ max: 4_000_100 })
  base64?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Instead of a file: a REFUSED import whose good rows (every row without a problem) to import, as a new import.',
  })
  goodRowsOfSkuImportId?: string | null;
}

@ObjectType({ description: 'The import started (or, for a key used before, the one it started).' })
export class StartSkuImportPayload {
  @Field(() => SkuImport, { description: 'The import: poll `skuImport(id)` for its progress and result.' })
  skuImport!: SkuImport;
}

@ObjectType()
export class SkuImportConnection extends ConnectionType(
  SkuImport,
  'SkuImport',
  'A page of SKU imports, newest first.',
) {}

@ArgsType()
class SkuImportsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The supplier (platform only).' })
  supplierId?: string | null;
}

@Resolver(() => SkuImport)
export class SkuImportResolver {
  @Mutation(() => StartSkuImportPayload, {
    description:
      'Upload a SKU file to import in the background, all or nothing: every row is checked, and either nothing is written (REFUSED, the bad rows listed) or every row is written in one transaction. One import per supplier at a time (CONFLICT).',
  })
  async startSkuImport(
    @Arg('input', () => StartSkuImportInput) input: StartSkuImportInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StartSkuImportPayload> {
    return { skuImport: await new SkuImportService(ctx.em, ctx.principal).start(input) };
  }

  @Query(() => SkuImport, { description: 'One SKU import with its progress (another supplier’s is NOT_FOUND).' })
  skuImport(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<SkuImport> {
    return new SkuImportService(ctx.em, ctx.principal).get(id);
  }

  @Query(() => SkuImportConnection, { description: "Your supplier's SKU imports, newest first." })
  skuImports(@Args(() => SkuImportsArgs) args: SkuImportsArgs, @Ctx() ctx: SubgraphContext) {
    return new SkuImportService(ctx.em, ctx.principal).list(args.supplierId, args.first, args.after);
  }

  @FieldResolver(() => [SkuImportProblem], {
    description: 'The refused rows’ problems, by row (the first 1,000; `problemCount` counts all).',
  })
  problems(@Root() job: SkuImport, @Ctx() ctx: SubgraphContext): Promise<SkuImportProblem[]> {
    if (job.problemCount === 0) return Promise.resolve([]);
    // One statement for every import of the request that asks for its problems.
    const loader = ctx.loaders.one('SkuImportProblems', async (keys) => {
      const rows = await ctx.em
        .fork()
        .find(SkuImport, { id: { $in: numericIds(keys) } }, { fields: ['id', 'problems'] as never });
      return new Map(rows.map((r) => [String(r.id), r.problems]));
    });
    return loader.load(String(job.id)).then((p) => p ?? []);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'For an import of good rows: the REFUSED import they came from.',
  })
  goodRowsOf(@Root() job: SkuImport): string | null {
    return job.goodRowsOf == null ? null : String(job.goodRowsOf);
  }
}
