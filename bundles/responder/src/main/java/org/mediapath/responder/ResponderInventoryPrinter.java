package org.mediapath.responder;

import java.io.PrintWriter;

import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The responder's status in the Web Console's status page and dump (Felix Inventory): its control
 * address, the SHA-256 fingerprint of its TLS certificate (what clients pin, readable here by an
 * administrator logged into this console) and its counters. Needs {@code org.apache.felix.inventory},
 * imported optionally: without it only this component does not load.
 */
@Component(service = InventoryPrinter.class, property = { InventoryPrinter.NAME + "=mediapath-responder",
		InventoryPrinter.TITLE + "=mediapath: responder", InventoryPrinter.FORMAT + "=TEXT" })
public class ResponderInventoryPrinter implements InventoryPrinter {

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile ResponderComponent responder;

	@Override
	public void print(PrintWriter out, Format format, boolean isZip) {
		ResponderComponent r = responder;
		if (r == null) {
			out.println("No responder runs in this console (it starts with a configuration "
					+ ResponderComponent.PID + " that names a secret file).");
		} else {
			out.println("Control channel: " + r.controlAddress() + " (TLS 1.3)");
			out.println("Certificate SHA-256 fingerprint (clients pin it with --responder-fingerprint): " + r.fingerprint());
			out.println("Counters: " + r.summary());
		}
		out.flush();
	}
}
