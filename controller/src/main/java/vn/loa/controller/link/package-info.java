/**
 * The port between the controller's domain services and the station gateway: {@link
 * vn.loa.controller.link.StationLinks} (implemented by {@code gateway.StationRegistry}) and {@link
 * vn.loa.controller.link.StationLink} (one connection, {@code gateway.StationSession}). Domain packages
 * (announcement, command, health, pki, metrics) reach stations only through it.
 */
package vn.loa.controller.link;
