"""An independent Modbus RTU relay board for tests: holds N coils for one slave address and prints
the whole coil table after every write, as `COILS <addr> <0|1>...`, so a test can check what the
driver really switched.

usage: /usr/bin/python3 modbus_relay_server.py PORT SLAVE_ADDRESS COILS [BAUD]
"""
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


class ReportingCoils(ModbusSequentialDataBlock):
    def __init__(self, slave, count):
        # pymodbus adds 1 to protocol addresses (zero_mode False): coil 0 lives at index 1
        super().__init__(1, [False] * count)
        self.slave = slave
        self.count = count

    def setValues(self, address, values):
        super().setValues(address, values)
        states = super().getValues(1, self.count)
        print("COILS %d %s" % (self.slave, " ".join("1" if s else "0" for s in states)), flush=True)


def main():
    port, slave, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    baud = int(sys.argv[4]) if len(sys.argv) > 4 else 9600
    logging.basicConfig(level=logging.WARNING)
    coils = ReportingCoils(slave, count)
    store = ModbusSlaveContext(co=coils, di=ModbusSequentialDataBlock(0, [0] * 8),
                               hr=ModbusSequentialDataBlock(0, [0] * 8), ir=ModbusSequentialDataBlock(0, [0] * 8))
    context = ModbusServerContext(slaves={slave: store}, single=False)
    print("READY %s" % port, flush=True)
    StartSerialServer(context=context, framer=ModbusRtuFramer, port=port, baudrate=baud, timeout=0.05)


if __name__ == "__main__":
    main()
