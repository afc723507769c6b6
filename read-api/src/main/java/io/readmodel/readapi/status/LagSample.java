package io.readmodel.readapi.status;

/**
 * One point of a projection's history.
 *
 * @param t when it was taken, in epoch milliseconds
 * @param lagSeconds the projection's lag then
 * @param eventsPerSecond row changes applied per second since the previous sample
 * @param eventsApplied the checkpoint's cumulative count then (-1 when the bridge does not record it)
 */
public record LagSample(long t, double lagSeconds, double eventsPerSecond, long eventsApplied) {
}
