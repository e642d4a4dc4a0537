package dev.herald.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Herald's meters, in one Micrometer registry scraped as Prometheus text ({@code GET /metrics}). Names follow
 * Prometheus conventions ({@code herald_questions_total}, {@code herald_answer_seconds_bucket{stage=…}}); rates
 * (ingest chunks per second, sends per second) are the scraper's {@code rate()} of the counters.
 */
public final class HeraldMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter questions;
    private final Counter abstentions;
    private final Counter floodWaits;
    private final Counter retries;
    private final Counter articles;
    private final Counter chunks;

    public HeraldMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        questions = Counter.builder("herald.questions").description("questions answered (or abstained on)").register(registry);
        abstentions = Counter.builder("herald.abstentions").description("questions answered 'not found in my sources'")
                .register(registry);
        floodWaits = Counter.builder("herald.telegram.flood.waits").description("Bot API calls refused with 429 (flood control)")
                .register(registry);
        retries = Counter.builder("herald.telegram.retries").description("Bot API calls tried again (429, 5xx, network)")
                .register(registry);
        articles = Counter.builder("herald.ingested.articles").description("articles stored or replaced by this process")
                .register(registry);
        chunks = Counter.builder("herald.ingested.chunks").description("chunks stored by this process").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** One question answered: its stages' times (nanoseconds by stage name) and whether it abstained. */
    public void question(Map<String, Long> stageNanos, boolean abstained) {
        questions.increment();
        if (abstained) abstentions.increment();
        stageNanos.forEach((stage, nanos) -> Timer.builder("herald.answer")
                .description("time to answer a question, by stage (embed, keyword, vector, fuse, answer, total)")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos)));
    }

    /** A Bot API call finished: {@code ok} when Telegram accepted it, else it was given up. */
    public void telegramCall(String method, boolean ok) {
        Counter.builder("herald.telegram.calls").description("Bot API calls (sends, edits, answers), by method and outcome")
                .tag("method", method).tag("outcome", ok ? "ok" : "failed").register(registry).increment();
    }

    public void floodWait() {
        floodWaits.increment();
    }

    public void retry() {
        retries.increment();
    }

    /** Something went wrong that a reader or operator notices: {@code where} is update, poll, webhook, refresh, … */
    public void error(String where) {
        Counter.builder("herald.errors").description("failures, by where they happened").tag("where", where)
                .register(registry).increment();
    }

    public void ingested(int chunkCount) {
        articles.increment();
        chunks.increment(chunkCount);
    }

    /** Webhook requests by HTTP status answered. */
    public void webhookRequest(int status) {
        Counter.builder("herald.webhook.requests").description("webhook requests, by HTTP status answered")
                .tag("status", String.valueOf(status)).register(registry).increment();
    }

    /** A value read when scraped (index size, idle pool connections, whether this instance polls). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }
}
