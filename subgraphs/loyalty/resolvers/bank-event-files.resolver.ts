import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ConnectionType, PageArgs, validPage, type Connection } from '../../../core/pagination';
import { pageKey } from '../../../core/loaders';
import { loyaltyLoaders } from '../loaders';
import { Text } from '../../../core/input-rules';
import type { SubgraphContext } from '../../../core/subgraph';
import { BankEventFile, BankEventFileError } from '../entities/bank-event-file';
import { BankEventFiles } from '../services/bank-event-files.service';

@InputType({ description: 'A file of core-banking events about to be uploaded in chunks.' })
export class CreateBankEventFileInput {
  @Field(() => String, { description: "The file's name (for your records), up to 200 characters." })
  @Text({ max: 200 })
  fileName!: string;
  @Field(() => GraphQLSafeInt, { description: 'Exact size in bytes (at most 512 MiB).' })
  sizeBytes!: number;
  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the whole file (64 hex digits), checked before processing.',
  })
  @Text({ max: 64 })
  sha256?: string | null;
  @Field(() => ID, { nullable: true, description: 'Platform only: which bank (bank callers upload for their own).' })
  bankId?: string | null;
}

export const BankEventFileConnection = ConnectionType(
  BankEventFile,
  'BankEventFileConnection',
  'Bank event files, newest first.',
);
export const BankEventFileErrorConnection = ConnectionType(
  BankEventFileError,
  'BankEventFileErrorConnection',
  'Refused rows of a file, by row number.',
);

@Resolver(() => BankEventFile)
export class BankEventFilesResolver {
  @Mutation(() => BankEventFile, {
    description:
      'Starts an upload of a daily file of core-banking events (CSV). Then PUT its bytes in chunks to /bank-event-files/<id>?offset=<n> at the gateway; the last chunk queues it for processing.',
  })
  createBankEventFile(
    @Arg('input', () => CreateBankEventFileInput) input: CreateBankEventFileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BankEventFile> {
    return new BankEventFiles(ctx.em, ctx.principal).create({
      ...input,
      bankId: input.bankId ? Number(input.bankId) : null,
    });
  }

  @Query(() => BankEventFile, { description: 'One of your bank event files with its processing report.' })
  bankEventFile(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<BankEventFile> {
    return new BankEventFiles(ctx.em, ctx.principal).get(Number(id));
  }

  @Query(() => BankEventFileConnection, { description: "Your bank's event files, newest first." })
  bankEventFiles(
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform only: which bank.' }) bankId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<BankEventFile>> {
    return new BankEventFiles(ctx.em, ctx.principal).list(bankId ? Number(bankId) : null, page.first, page.after);
  }

  @FieldResolver(() => BankEventFileErrorConnection, {
    description: 'The refused rows, by row number (also as CSV at /bank-event-files/<id>/errors.csv).',
  })
  async errors(
    @Root() file: BankEventFile,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<BankEventFileError>> {
    // The file itself was checked by the query that returned it; its rows come a page per file in one statement.
    validPage(page, 1);
    return (await loyaltyLoaders(ctx).errorsOfFile.load(pageKey(file.id, page)))!;
  }
}
