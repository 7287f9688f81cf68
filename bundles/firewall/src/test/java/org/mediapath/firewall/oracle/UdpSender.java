package org.mediapath.firewall.oracle;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Runs inside the sending namespace of {@link KernelOracleTest}: waits for {@code batch-N.txt} in
 * its folder (lines "SOURCE SOURCE-PORT TARGET PORT PAYLOAD"), sends each datagram once, then
 * writes {@code batch-N.done}; stops when {@code stop} appears. A fresh source port per batch keeps
 * every packet a new connection for conntrack.
 */
public final class UdpSender {

	private UdpSender() {
	}

	public static void main(String[] args) throws Exception {
		Path folder = Path.of(args[0]);
		for (int batch = 1;; batch++) {
			Path file = folder.resolve("batch-" + batch + ".txt");
			while (!Files.exists(file)) {
				if (Files.exists(folder.resolve("stop"))) {
					return;
				}
				Thread.sleep(2);
			}
			List<String> lines = Files.readAllLines(file);
			DatagramSocket socket = null;
			String bound = "";
			for (String line : lines) {
				String[] f = line.split(" ", 5);
				if (f.length < 5) {
					continue;
				}
				if (!bound.equals(f[0] + " " + f[1])) {
					if (socket != null) {
						socket.close();
					}
					socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(f[0]), Integer.parseInt(f[1])));
					bound = f[0] + " " + f[1];
				}
				byte[] payload = f[4].getBytes(StandardCharsets.UTF_8);
				socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(f[2]), Integer.parseInt(f[3])));
			}
			if (socket != null) {
				socket.close();
			}
			Path done = folder.resolve("batch-" + batch + ".tmp");
			Files.writeString(done, "done");
			Files.move(done, folder.resolve("batch-" + batch + ".done"), StandardCopyOption.ATOMIC_MOVE);
		}
	}
}
