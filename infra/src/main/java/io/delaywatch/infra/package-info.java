/**
 * The DelayWatch AWS CDK app. Entry point: {@link io.delaywatch.infra.InfraApp}, which builds four
 * stacks from {@link io.delaywatch.infra.Settings} (CDK context): {@link
 * io.delaywatch.infra.NetworkStack}, the stateful {@link io.delaywatch.infra.DataStack} and {@link
 * io.delaywatch.infra.DatabaseStack}, and {@link io.delaywatch.infra.ComputeStack}. Each stack
 * composes constructs with Props builders: {@link io.delaywatch.infra.Network}, {@link
 * io.delaywatch.infra.Lake}, {@link io.delaywatch.infra.Registry}, {@link
 * io.delaywatch.infra.Catalog}, {@link io.delaywatch.infra.Database}, {@link
 * io.delaywatch.infra.ServiceEndpoints}, {@link io.delaywatch.infra.TaskDefinitions} and {@link
 * io.delaywatch.infra.Orchestrator}. {@link io.delaywatch.infra.Checkov} records accepted security
 * scan findings with their reasons; not API.
 */
package io.delaywatch.infra;
