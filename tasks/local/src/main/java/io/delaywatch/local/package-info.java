/** placeholder */
package io.delaywatch.local;
