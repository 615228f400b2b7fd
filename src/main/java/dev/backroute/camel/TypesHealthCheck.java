package dev.backroute.camel;

import dev.backroute.ops.TypeHealth;
import dev.backroute.ops.TypesHealth;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** {@code /observe/health} (camel-health) turns DOWN when an enabled type is overdue or its newest backup failed validation. */
final class TypesHealthCheck extends AbstractHealthCheck {
    private final TypesHealth types;

    TypesHealthCheck(TypesHealth types) {
        super("backroute", "backup-types");
        this.types = types;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean up = true;
        for (TypeHealth health : types.check()) {
            builder.detail(health.type(), (health.healthy() ? "ok: " : "DOWN: ") + health.detail());
            up &= health.healthy();
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
