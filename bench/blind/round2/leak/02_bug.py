import argparse

import numpy as np
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class TabularDataModule:
    def __init__(self, csv_path, target="median_value", batch_size=128, val_frac=0.2, seed=0):
        self.csv_path = csv_path
        self.target = target
        self.batch_size = batch_size
        self.val_frac = val_frac
        self.seed = seed

    def setup(self):
        df = pd.read_csv(self.csv_path).dropna()
        feature_cols = [c for c in df.columns if c != self.target]
        self.mu = df[feature_cols].mean()
        self.sigma = df[feature_cols].std().replace(0, 1.0)

        rng = np.random.default_rng(self.seed)
        order = rng.permutation(len(df))
        n_val = int(len(df) * self.val_frac)
        val_rows, train_rows = order[:n_val], order[n_val:]

        x = ((df[feature_cols] - self.mu) / self.sigma).to_numpy(dtype=np.float32)
        y = df[self.target].to_numpy(dtype=np.float32)[:, None]
        x, y = torch.from_numpy(x), torch.from_numpy(y)
        self.train_set = TensorDataset(x[train_rows], y[train_rows])
        self.val_set = TensorDataset(x[val_rows], y[val_rows])
        self.n_features = len(feature_cols)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size)


class MLP(nn.Module):
    def __init__(self, n_in, hidden=(256, 128), p_drop=0.1):
        super().__init__()
        blocks, d = [], n_in
        for h in hidden:
            blocks += [nn.Linear(d, h), nn.ReLU(), nn.Dropout(p_drop)]
            d = h
        blocks.append(nn.Linear(d, 1))
        self.net = nn.Sequential(*blocks)

    def forward(self, x):
        return self.net(x)


class Trainer:
    def __init__(self, max_epochs=40, lr=1e-3, weight_decay=1e-5):
        self.max_epochs = max_epochs
        self.lr = lr
        self.weight_decay = weight_decay

    def fit(self, model, dm):
        opt = torch.optim.Adam(model.parameters(), lr=self.lr, weight_decay=self.weight_decay)
        loss_fn = nn.MSELoss()
        for epoch in range(self.max_epochs):
            model.train()
            for xb, yb in dm.train_dataloader():
                opt.zero_grad()
                loss_fn(model(xb), yb).backward()
                opt.step()
            rmse = self.validate(model, dm.val_dataloader())
            print(f"epoch {epoch + 1:3d}  val_rmse {rmse:.4f}")
        return model

    @torch.no_grad()
    def validate(self, model, loader):
        model.eval()
        sq, count = 0.0, 0
        for xb, yb in loader:
            sq += torch.sum((model(xb) - yb) ** 2).item()
            count += len(yb)
        return (sq / count) ** 0.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/housing.csv")
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    dm = TabularDataModule(args.csv, seed=args.seed)
    dm.setup()
    model = MLP(dm.n_features)
    Trainer(max_epochs=args.epochs).fit(model, dm)
    torch.save({"model": model.state_dict(), "mu": dm.mu, "sigma": dm.sigma}, "mlp_housing.pt")


if __name__ == "__main__":
    main()
