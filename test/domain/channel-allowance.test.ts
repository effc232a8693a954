import { describe, expect, it } from 'vitest';
import { ChannelAllowance } from '../../src/domain/channel-allowance.js';

describe('ChannelAllowance', () => {
  it('allows a burst of 3, then one message a second, per channel', () => {
    let now = 0;
    const allowance = new ChannelAllowance(() => now);
    expect([1, 2, 3].map(() => allowance.take('C1'))).toEqual([0, 0, 0]);
    expect(allowance.take('C1')).toBeCloseTo(1);
    expect(allowance.take('C2')).toBe(0);
    now = 500;
    expect(allowance.take('C1')).toBeCloseTo(0.5);
    now = 1000;
    expect(allowance.take('C1')).toBe(0);
    expect(allowance.take('C1')).toBeCloseTo(1);
  });
});
