package org.mediapath.firewall.oracle;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

/**
 * Runs inside the receiving namespace of {@link KernelOracleTest}: binds UDP on every port given
 * and prints each datagram's payload on its own line, flushed at once, so the test sees what the
 * kernel let through.
 */
public final class UdpReceiver {

	private UdpReceiver() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
		try (Selector selector = Selector.open()) {
			for (String arg : args) {
				DatagramChannel channel = DatagramChannel.open();
				channel.bind(new InetSocketAddress(Integer.parseInt(arg)));
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ);
			}
			out.println("ready");
			out.flush();
			ByteBuffer buffer = ByteBuffer.allocate(2048);
			while (true) {
				selector.select();
				for (SelectionKey key : selector.selectedKeys()) {
					DatagramChannel channel = (DatagramChannel) key.channel();
					buffer.clear();
					while (channel.receive(buffer) != null) {
						buffer.flip();
						out.println(StandardCharsets.UTF_8.decode(buffer));
						buffer.clear();
					}
				}
				selector.selectedKeys().clear();
				out.flush();
			}
		}
	}
}
