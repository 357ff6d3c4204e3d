/**
 * Where the lake lives: {@link io.delaywatch.storage.Warehouse#open} turns a warehouse URI into an
 * {@link io.delaywatch.storage.ObjectStore} (S3 or a local folder); {@link
 * io.delaywatch.storage.LakePaths} names every key of the layout.
 */
package io.delaywatch.storage;
