import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class FashionDataModule:
    def __init__(self, root="data", batch_size=256, num_workers=2):
        self.root = root
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.tfm = transforms.Compose([
            transforms.ToTensor(),
            transforms.Normalize((0.2860,), (0.3530,)),
        ])

    def prepare_data(self):
        datasets.FashionMNIST(self.root, train=True, download=True)
        datasets.FashionMNIST(self.root, train=False, download=True)

    def setup(self):
        self.train_set = datasets.FashionMNIST(self.root, train=True, transform=self.tfm)
        self.test_set = datasets.FashionMNIST(self.root, train=False, transform=self.tfm)

    def train_dataloader(self):
        return DataLoader(self.train_set, self.batch_size, shuffle=True, num_workers=self.num_workers)

    def test_dataloader(self):
        return DataLoader(self.test_set, self.batch_size, num_workers=self.num_workers)


class SmallConvNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.25), nn.Linear(64 * 7 * 7, n_classes))

    def forward(self, x):
        return self.head(self.features(x))


class Trainer:
    def __init__(self, epochs=10, lr=3e-3, device=None):
        self.epochs = epochs
        self.lr = lr
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")

    def fit(self, model, dm):
        model.to(self.device)
        loader = dm.train_dataloader()
        opt = torch.optim.AdamW(model.parameters(), lr=self.lr, weight_decay=1e-4)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=self.lr, epochs=self.epochs, steps_per_epoch=len(loader))
        for epoch in range(self.epochs):
            model.train()
            running = 0.0
            for images, targets in loader:
                images, targets = images.to(self.device), targets.to(self.device)
                loss = F.cross_entropy(model(images), targets)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                sched.step()
                running += loss.item() * len(targets)
            print(f"epoch {epoch + 1}/{self.epochs}  loss {running / len(dm.train_set):.4f}")

    @torch.no_grad()
    def test(self, model, loader):
        model.eval()
        correct = total = 0
        for images, targets in loader:
            logits = model(images.to(self.device))
            correct += (logits.argmax(1).cpu() == targets).sum().item()
            total += len(targets)
        return correct / total


if __name__ == "__main__":
    torch.manual_seed(0)
    dm = FashionDataModule()
    dm.prepare_data()
    dm.setup()
    net = SmallConvNet()
    trainer = Trainer(epochs=12)
    trainer.fit(net, dm)
    acc = trainer.test(net, dm.train_dataloader())
    print(f"test accuracy: {acc:.4f}")
    torch.save(net.state_dict(), "fashion_cnn.pt")
