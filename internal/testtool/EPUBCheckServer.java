// EPUBCheckServer runs EPUBCheck (4.2.6 takes one book per call) on one book
// after another in a single JVM, so that a test process pays the JVM's start
// once: internal/testtool starts it with java's source-file mode
// (java -cp epubcheck.jar EPUBCheckServer.java). It writes "ready", then for
// each line on stdin, the path of a book, it writes "<exit status> <length>"
// and that many bytes of what EPUBCheck printed (stdout and stderr).
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EPUBCheckServer {
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out, err = System.err;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.print("ready\n");
        out.flush();
        for (String path; (path = in.readLine()) != null; ) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            int status;
            try {
                status = new EpubChecker().run(new String[] {path});
            } catch (Throwable e) {
                e.printStackTrace(capture);
                status = 100;
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            capture.flush();
            byte[] report = buf.toByteArray();
            out.print(status + " " + report.length + "\n");
            out.write(report);
            out.flush();
        }
    }
}
