/**
 * The PostgreSQL side of DelayWatch: {@link io.delaywatch.db.YearLoader} replaces one year of
 * {@link io.delaywatch.db.SummaryTable airport_daily_summary} in one transaction; {@link
 * io.delaywatch.db.Database} connects (with retries) and applies the Flyway migrations under {@code
 * db/migration}; {@link io.delaywatch.db.CheckedYear} checks the rows before anything is touched.
 */
package io.delaywatch.db;
