import { describe, expect, it } from 'vitest';
import { deriveStage } from './stage';

describe('deriveStage', () => {
  it.each([
    [{ 'truthflow.stage': 'orders-outbox', 'db.system': 'postgresql' }, 'orders-outbox'],
    [{ 'db.system': 'postgresql' }, 'postgres'],
    [{ 'db.system.name': 'postgresql' }, 'postgres'],
    [{ 'db.system': 'opensearch' }, 'search'],
    [{ 'db.system': 'elasticsearch' }, 'search'],
    [{ 'db.system': 'redis' }, 'redis'],
    [{ 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events' }, 'kafka:order-events'],
    [{ 'messaging.system': 'kafka' }, 'kafka'],
    [{ 'messaging.system': 'rabbitmq', 'messaging.destination.name': 'q' }, 'checkout'],
    [{ 'truthflow.stage': '   ' }, 'checkout'],
    [{}, 'checkout'],
  ])('%j → %s', (attributes, stage) => {
    expect(deriveStage(attributes, 'checkout')).toBe(stage);
  });
});
