// kafkajs' own error classes, shaped as kafkajs throws them (wrapped in "retries exceeded").
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic, kafkaError, kafkaErrorKind } from './errors';

const retried = (e: Error) => new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 1, retryTime: 200 });
const protocol = (type: string, message: string) => new KafkaJSProtocolError({ type, code: 0, retriable: false, message } as never);

describe('kafkaErrorKind', () => {
  it('sees through kafkajs wrappers to the cause', () => {
    expect(
      kafkaErrorKind(retried(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' }))),
    ).toBe('network');
    expect(kafkaErrorKind(retried(new KafkaJSRequestTimeoutError('Request Metadata(key: 3, version: 6) timed out')))).toBe('timeout');
    expect(kafkaErrorKind(new KafkaJSConnectionError('Connection timeout'))).toBe('timeout');
  });

  it('calls refused credentials and missing rights auth', () => {
    // kafkajs' typings declare no constructor arguments; at run time it takes the message like the others.
    const refused = Reflect.construct(KafkaJSSASLAuthenticationError, [
      'SASL PLAIN authentication failed: Invalid username or password',
    ]) as Error;
    expect(kafkaErrorKind(refused)).toBe('auth');
    expect(kafkaErrorKind(protocol('GROUP_AUTHORIZATION_FAILED', 'Not authorized to access group'))).toBe('auth');
  });

  it('calls an unknown topic a config problem, and other broker answers http', () => {
    const unknown = retried(protocol('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition'));
    expect(kafkaErrorKind(unknown)).toBe('config');
    expect(isUnknownTopic(unknown)).toBe(true);
    expect(kafkaErrorKind(protocol('COORDINATOR_LOAD_IN_PROGRESS', 'The coordinator is loading'))).toBe('http');
  });

  it('keeps TruthflowErrors as they are and names what was being done', () => {
    const own = new TruthflowError('parse', 'bad answer');
    expect(kafkaError(own, 'listing groups')).toBe(own);
    const wrapped = kafkaError(
      retried(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', { code: 'ECONNREFUSED' })),
      'listing groups',
    );
    expect(wrapped).toMatchObject({ kind: 'network', message: 'listing groups: Connection error: connect ECONNREFUSED' });
  });
});
