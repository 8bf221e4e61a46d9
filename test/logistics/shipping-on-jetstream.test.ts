/**
 * The fulfilment and shipping tests (shipping.test.ts) once more with events on NATS JetStream:
 * orders' paid orders reach logistics, and logistics' shipments reach orders, through durable
 * consumers instead of HTTP relays (README "Events on NATS JetStream"). The same assertions hold.
 */
import './shipping.test';

process.env.PERKMALL_TEST_EVENTS = 'nats';
