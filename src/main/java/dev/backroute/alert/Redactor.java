package dev.backroute.alert;

import dev.backroute.config.SecretRef;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Removes the alert channels' secrets (the SMTP password, the webhook URL and its path) from any text
 * that leaves Backroute: log lines, exceptions, message bodies. Secrets are resolved when needed, so an
 * unset variable does not stop the rest.
 */
public final class Redactor {
    static final String MASK = "***";
    /** Shorter values would mask ordinary words. */
    private static final int MIN_LENGTH = 4;

    private final List<SecretRef> secrets;
    private final List<SecretRef> urls;
    private final Map<String, String> env;

    public Redactor(List<SecretRef> secrets, List<SecretRef> urls, Map<String, String> env) {
        this.secrets = List.copyOf(secrets);
        this.urls = List.copyOf(urls);
        this.env = env;
    }

    public String clean(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values()) {
            result = result.replace(value, MASK);
        }
        return result;
    }

    private List<String> values() {
        List<String> values = new ArrayList<>();
        for (SecretRef ref : secrets) {
            add(values, resolved(ref));
        }
        for (SecretRef ref : urls) {
            String url = resolved(ref);
            add(values, url);
            if (url != null) {
                try {
                    URI uri = URI.create(url.trim());
                    add(values, uri.getRawPath());
                    add(values, uri.getPath());
                    add(values, uri.getRawQuery());
                } catch (IllegalArgumentException e) {
                    // not a URI: the whole value is masked already
                }
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values;
    }

    private String resolved(SecretRef ref) {
        if (ref == null || !ref.isConfigured()) {
            return null;
        }
        try {
            return ref.resolve(env);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void add(List<String> values, String value) {
        if (value != null && value.length() >= MIN_LENGTH && !"/".equals(value) && !values.contains(value)) {
            values.add(value);
        }
    }
}
