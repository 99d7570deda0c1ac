package dev.lakebasemcp.guardrails.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * An app's database schema must be created by the app's service principal (CAN_CONNECT_AND_CREATE
 * owns only what it creates), so the app is deployed before it is run locally. Running locally
 * first creates the schema as the developer and the deployed app then fails with
 * {@code permission denied for schema}.
 */
public final class DeployBeforeLocalRule {
    public static final String APP_FIELD = "app_name";

    private DeployBeforeLocalRule() {
    }

    /**
     * prepare_local_run may go ahead only once the app is deployed and its schema is owned by its
     * service principal.
     *
     * @param schemaOwnedByApp the schema exists and its owner is the app's service principal
     */
    public static Optional<Violation> checkLocalRun(String appName, boolean deployed, boolean schemaOwnedByApp) {
        Objects.requireNonNull(appName, "appName must not be null");
        if (!deployed) {
            return Optional.of(new Violation(APP_FIELD, "deploy_before_local", "app " + appName
                    + " is not deployed yet: deploy it first (deploy_app) so its service principal creates and owns"
                    + " the schema, then run it locally"));
        }
        if (!schemaOwnedByApp) {
            return Optional.of(new Violation(APP_FIELD, "schema_owner", "the schema of app " + appName
                    + " is not owned by the app's service principal: fix_schema_ownership offers (A) drop the schema"
                    + " and redeploy, losing its data, or (B) reassign ownership to the service principal, keeping it"));
        }
        return Optional.empty();
    }
}
