/** The load task: {@link io.delaywatch.load.Main}, over {@link io.delaywatch.db.YearLoader}. */
package io.delaywatch.load;
