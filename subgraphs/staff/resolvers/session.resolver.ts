import {
  Arg,
  Args,
  Ctx,
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
import { PageArgs, ConnectionType, type Connection } from '../../../core/pagination';
import { notFound } from '../../../core/errors';
import type { SubgraphContext } from '../../../core/subgraph';
import { Session } from '../entities/session';
import { MySessionsService } from '../services/my-sessions.service';

@ObjectType()
export class StaffSessionConnection extends ConnectionType(
  Session,
  'StaffSession',
  'Your active sessions, newest first.',
) {}

@InputType({ description: 'One of your sessions to end.' })
export class EndStaffSessionInput {
  @Field(() => ID, { description: 'The session (from mySessions).' })
  staffSessionId!: string;
}

@ObjectType({ description: 'The ended session.' })
export class EndStaffSessionPayload {
  @Field(() => Session, { description: 'The session; its tokens are refused from now on.' })
  session!: Session;
}

@ObjectType({ description: 'The result of signing out.' })
export class SignOutPayload {
  @Field(() => Int, { description: 'How many sessions were ended.' })
  endedSessions!: number;
}

@Resolver(() => Session)
export class SessionResolver {
  @Query(() => StaffSessionConnection, {
    description: 'The devices you are signed in on (staff signed in with /auth/staff/sign-in), newest first.',
  })
  mySessions(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Connection<Session>> {
    return new MySessionsService(ctx.em, ctx.principal).list(page.first, page.after);
  }

  @FieldResolver(() => Boolean, { description: 'Whether this is the session of the token asking.' })
  current(@Root() session: Session, @Ctx() ctx: SubgraphContext): boolean {
    return String(session.id) === ctx.principal.sessionId;
  }

  @Mutation(() => SignOutPayload, {
    description: 'End the session of this access token (its refresh token stops working too).',
  })
  async signOut(@Ctx() ctx: SubgraphContext): Promise<SignOutPayload> {
    await new MySessionsService(ctx.em, ctx.principal).signOut();
    return { endedSessions: 1 };
  }

  @Mutation(() => SignOutPayload, {
    description: 'End every one of your sessions, on every device, this one included.',
  })
  async signOutEverywhere(@Ctx() ctx: SubgraphContext): Promise<SignOutPayload> {
    return { endedSessions: await new MySessionsService(ctx.em, ctx.principal).signOutEverywhere() };
  }

  @Mutation(() => EndStaffSessionPayload, { description: 'End one of your sessions, e.g. a device you lost.' })
  async endStaffSession(
    @Arg('input', () => EndStaffSessionInput) input: EndStaffSessionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<EndStaffSessionPayload> {
    if (!/^[1-9]\d{0,9}$/.test(input.staffSessionId)) throw notFound('Session', input.staffSessionId);
    return { session: await new MySessionsService(ctx.em, ctx.principal).end(Number(input.staffSessionId)) };
  }
}
