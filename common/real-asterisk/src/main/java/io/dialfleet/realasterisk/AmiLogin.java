package io.dialfleet.realasterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One AMI login and logoff: how a test knows that Asterisk is up and the account works. */
final class AmiLogin {

    private static final int TIMEOUT_MILLIS = 2000;

    private AmiLogin() {
    }

    /** @return true when AMI answered the login with {@code Response: Success} */
    static boolean succeeds(AmiAccount account) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(account.host(), account.port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String banner = in.readLine();
            if (banner == null || !banner.startsWith("Asterisk Call Manager")) {
                return false;
            }
            out.write(("Action: Login\r\nUsername: " + account.username() + "\r\nSecret: " + account.secret()
                    + "\r\nEvents: off\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            boolean success = false;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                success |= line.equals("Response: Success");
            }
            out.write("Action: Logoff\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return success;
        } catch (IOException e) {
            return false;
        }
    }
}
