package org.mediapath.route.model;

/**
 * A route that does not forward ({@code unreachable}, {@code blackhole}, {@code prohibit},
 * {@code throw}). Kept apart from {@code RouteEntry}, which has no type, so that an
 * "unreachable default dev lo" never reads as a route through the loopback.
 *
 * @param type the route type
 * @param destination CIDR
 * @param table its table
 * @param metric its metric
 */
public record RejectRoute(String type, String destination, String table, long metric) {
}
