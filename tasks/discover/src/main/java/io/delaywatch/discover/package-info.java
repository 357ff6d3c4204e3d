/**
 * The discover task: {@link io.delaywatch.discover.Main}, over {@link
 * io.delaywatch.storage.RawFiles}.
 */
package io.delaywatch.discover;
