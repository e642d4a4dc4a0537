package dev.herald.cli;


import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar herald.jar [command]}: see {@code herald --help}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new TerminalSafeWriter(
                new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false), true);
        PrintWriter err = new PrintWriter(new TerminalSafeWriter(
                new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), true);
        int code = HeraldCli.run(args, System.getenv(), System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
