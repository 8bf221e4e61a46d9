import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { BankNotificationType } from '../../../core/bank-notifications';
import { badInput } from '../../../core/errors';
import { requireRole } from '../../../core/identity';
import { Text } from '../../../core/input-rules';
import { ConnectionType, PageArgs, type Connection } from '../../../core/pagination';
import type { SubgraphContext } from '../../../core/subgraph';
import {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEventType,
  eventTypesOf,
} from '../entities/webhook';
import { WebhookAdministration, recordBankNotifications } from '../services/webhook.service';

@ObjectType()
export class WebhookEndpointConnection extends ConnectionType(WebhookEndpoint, 'WebhookEndpoint') {}

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery, 'WebhookDelivery') {}

@InputType({ description: "A new webhook endpoint for a bank's systems." })
export class CreateWebhookEndpointInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The bank: bank admins may omit it (their own bank); platform admins must give it.',
  })
  bankId?: string | null;

  @Field(() => String, {
    description: 'Where events are POSTed: an https:// (or http://) URL, at most 500 characters.',
  })
  @Text({ max: 500 })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events it receives (1 to 10, each once).' })
  @Text({ max: 40, maxItems: 9 })
  eventTypes!: BankNotificationType[];

  @Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters).' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Receive events from now on (default true).' })
  enabled?: boolean | null;
}

@ObjectType({ description: 'The new endpoint and its signing secret, shown only here, once.' })
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  webhookEndpoint!: WebhookEndpoint;

  @Field(() => String, {
    description:
      'The signing secret (HMAC-SHA256 key for X-Perkmall-Signature); store it safely, it cannot be shown again.',
  })
  secret!: string;
}

@InputType({ description: 'Change a webhook endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint (of your own bank).' })
  webhookEndpointId!: string;

  @Field(() => String, { nullable: true, description: 'A new URL.' })
  @Text({ max: 500 })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The events it receives from now on.' })
  @Text({ max: 40, maxItems: 9 })
  eventTypes?: BankNotificationType[] | null;

  @Field(() => String, { nullable: true, description: 'What it is for (empty clears it).' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false: no new deliveries are made and pending ones wait; true: resume.',
  })
  enabled?: boolean | null;
}

@ObjectType({ description: 'The changed endpoint.' })
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  webhookEndpoint!: WebhookEndpoint;
}

@InputType({ description: 'A webhook endpoint.' })
export class WebhookEndpointRefInput {
  @Field(() => ID, { description: 'The endpoint (of your own bank).' })
  webhookEndpointId!: string;
}

@ObjectType({ description: 'The endpoint’s new signing secret, shown only here, once; the old one stops at once.' })
export class RotateWebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  webhookEndpoint!: WebhookEndpoint;

  @Field(() => String, { description: 'The new signing secret; store it safely, it cannot be shown again.' })
  secret!: string;
}

@ObjectType({ description: 'The deleted endpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { description: 'The endpoint that was deleted (with its delivery log).' })
  webhookEndpointId!: string;
}

@InputType({ description: 'Send a delivery again by hand.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'The delivery (of your own bank).' })
  webhookDeliveryId!: string;
}

@ObjectType({ description: 'The delivery, due again now with the same event id.' })
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { description: 'The delivery.' })
  webhookDelivery!: WebhookDelivery;
}

@ObjectType({ description: 'How the endpoint answered a PING event (nothing is stored or retried).' })
export class SendTestWebhookPayload {
  @Field(() => Boolean, { description: 'Whether it answered 2xx.' })
  delivered!: boolean;

  @Field(() => Int, { nullable: true, description: 'Its HTTP status (null: no answer).' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (truncated).' })
  error!: string | null;

  @Field(() => String, { description: 'The PING event’s id.' })
  eventId!: string;
}

@InputType({ description: 'Which deliveries to list.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'The bank (platform admins; bank admins see their own).' })
  bankId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this endpoint’s.' })
  webhookEndpointId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: WebhookDeliveryStatus | null;

  @Field(() => WebhookEventType, { nullable: true, description: 'Only this event type.' })
  eventType?: BankNotificationType | null;
}

@InputType({ description: 'Internal (every subgraph’s outbox relay): one bank notification.' })
@Directive('@inaccessible')
export class BankNotificationInput {
  @Field(() => WebhookEventType, { description: 'The event.' })
  type!: BankNotificationType;

  @Field(() => ID, { description: 'The bank.' })
  bankId!: string;

  @Field(() => String, { description: 'Unique per event.' })
  @Text({ max: 150 })
  key!: string;

  @Field(() => String, { description: 'The event’s data, as JSON text.' })
  @Text({ max: 65_000, multiline: true })
  data!: string;

  @Field(() => Date, { description: 'When it happened.' })
  occurredAt!: Date;
}

@InputType({ description: 'Internal: notifications to fan out to the banks’ webhook endpoints.' })
@Directive('@inaccessible')
export class RecordBankNotificationsInput {
  @Field(() => [BankNotificationInput], { description: 'At most 100.' })
  notifications!: BankNotificationInput[];
}

@ObjectType({ description: 'Internal: deliveries created (0 when no endpoint chose these events).' })
@Directive('@inaccessible')
export class RecordBankNotificationsPayload {
  @Field(() => Int, { description: 'Deliveries created.' })
  deliveries!: number;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, {
    description:
      "Webhook endpoints, oldest first: your bank's (bank admins), or every bank's (platform admins; `bankId` narrows to one).",
  })
  webhookEndpoints(
    @Arg('bankId', () => ID, { nullable: true, description: 'Platform admins: only this bank’s endpoints.' })
    bankId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<WebhookEndpoint>> {
    return new WebhookAdministration(ctx.em, ctx.principal).endpoints(bankId, page.first, page.after);
  }

  @FieldResolver(() => ID, { description: 'The bank whose systems it reaches.' })
  bankId(@Root() endpoint: WebhookEndpoint): string {
    return String(endpoint.bankId);
  }

  @FieldResolver(() => [WebhookEventType], { description: 'The events it receives.' })
  eventTypes(@Root() endpoint: WebhookEndpoint): BankNotificationType[] {
    return eventTypesOf(endpoint);
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Register a webhook endpoint for a bank's systems (bank admins); the signing secret is shown once.",
  })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreateWebhookEndpointPayload> {
    const { endpoint, secret } = await new WebhookAdministration(ctx.em, ctx.principal).create(input);
    return { webhookEndpoint: endpoint, secret };
  }

  @Mutation(() => UpdateWebhookEndpointPayload, {
    description:
      'Change a webhook endpoint’s URL, events, description, or enable/disable it (bank admins of its bank).',
  })
  async updateWebhookEndpoint(
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<UpdateWebhookEndpointPayload> {
    return { webhookEndpoint: await new WebhookAdministration(ctx.em, ctx.principal).update(input) };
  }

  @Mutation(() => RotateWebhookEndpointSecretPayload, {
    description: 'Issue a new signing secret for a webhook endpoint (bank admins of its bank); shown once.',
  })
  async rotateWebhookEndpointSecret(
    @Arg('input', () => WebhookEndpointRefInput) input: WebhookEndpointRefInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RotateWebhookEndpointSecretPayload> {
    const { endpoint, secret } = await new WebhookAdministration(ctx.em, ctx.principal).rotateSecret(
      input.webhookEndpointId,
    );
    return { webhookEndpoint: endpoint, secret };
  }

  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: 'Delete a webhook endpoint and its delivery log (bank admins of its bank).',
  })
  async deleteWebhookEndpoint(
    @Arg('input', () => WebhookEndpointRefInput) input: WebhookEndpointRefInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DeleteWebhookEndpointPayload> {
    return {
      webhookEndpointId: await new WebhookAdministration(ctx.em, ctx.principal).delete(input.webhookEndpointId),
    };
  }

  @Mutation(() => SendTestWebhookPayload, {
    description: 'POST a signed PING event to a webhook endpoint now and report its answer (bank admins of its bank).',
  })
  sendTestWebhook(
    @Arg('input', () => WebhookEndpointRefInput) input: WebhookEndpointRefInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SendTestWebhookPayload> {
    return new WebhookAdministration(ctx.em, ctx.principal)
      .sendTest(input.webhookEndpointId)
      .then((r) => ({ delivered: r.ok, statusCode: r.statusCode, error: r.error, eventId: r.eventId }));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Query(() => WebhookDeliveryConnection, {
    description: "Webhook deliveries, newest first: your bank's (bank admins) or any bank's (platform admins).",
  })
  webhookDeliveries(
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Which deliveries.' })
    filter: WebhookDeliveryFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<WebhookDelivery>> {
    return new WebhookAdministration(ctx.em, ctx.principal).deliveries(
      filter?.bankId ?? null,
      filter ?? {},
      page.first,
      page.after,
    );
  }

  @FieldResolver(() => ID, { description: 'The endpoint it goes to.' })
  webhookEndpointId(@Root() delivery: WebhookDelivery): string {
    return String(delivery.endpointId);
  }

  @FieldResolver(() => ID, { description: 'The bank.' })
  bankId(@Root() delivery: WebhookDelivery): string {
    return String(delivery.bankId);
  }

  @Mutation(() => RedeliverWebhookPayload, {
    description:
      'Send a delivery again (bank admins of its bank): PENDING and due now, with the same event id and a fresh day of retries.',
  })
  async redeliverWebhook(
    @Arg('input', () => RedeliverWebhookInput) input: RedeliverWebhookInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RedeliverWebhookPayload> {
    return {
      webhookDelivery: await new WebhookAdministration(ctx.em, ctx.principal).redeliver(input.webhookDeliveryId),
    };
  }

  @Mutation(() => RecordBankNotificationsPayload, {
    description: 'Internal (every subgraph’s outbox relay): fan bank notifications out to webhook deliveries.',
  })
  @Directive('@inaccessible')
  async recordBankNotifications(
    @Arg('input', () => RecordBankNotificationsInput) input: RecordBankNotificationsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecordBankNotificationsPayload> {
    requireRole(ctx.principal, 'SERVICE');
    if (input.notifications.length > 100)
      throw badInput('At most 100 notifications a call.', [{ field: 'notifications', message: 'at most 100' }]);
    const notifications = input.notifications.map((n, i) => {
      let data: unknown;
      try {
        data = JSON.parse(n.data);
      } catch {
        throw badInput('data must be JSON text.', [{ field: `notifications[${i}].data`, message: 'not JSON' }]);
      }
      return {
        type: n.type,
        bankId: Number(n.bankId),
        key: n.key,
        data: data as Record<string, unknown>,
        occurredAt: n.occurredAt.toISOString(),
      };
    });
    return { deliveries: await recordBankNotifications(ctx.em, notifications) };
  }
}
