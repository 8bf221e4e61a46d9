/** A bank's calendar lives in core (orders and loyalty both cut report periods in it). */
export * from '../../../core/local-time';
